# cleanroom — English user-interface text.
# Every string a trainee or instructor sees comes from here or from ko.ftl.

app-title = Cleanroom — GMP cell-therapy training
app-subtitle = Learn to manufacture MSC and CAR-T therapies without contaminating them.

loading-title = Preparing the cleanroom
loading-step = Loading { $what }…
loading-fonts = fonts
loading-levels = procedure levels
loading-world = the cleanroom

menu-no-levels = No level files were found in { $dir }.
menu-level-error = { $file } has problems and cannot be played: run “cleanroom check” for details.
menu-shipped-levels = Shipped levels
menu-your-levels = Your own levels
menu-your-levels-folder = From { $dir }: files added, edited or removed there show here at once.
menu-your-levels-none = None yet: put your *.level.ron files in { $dir } (check them with “cleanroom check”) and they appear here.
menu-your-levels-no-home = (no home folder on this computer)
menu-level-clash-shipped = Your { $file } is not offered: a shipped level ({ $owner }) already has its id “{ $id }”. Give yours an id of its own, and name the file after it.
menu-level-clash-yours = Your { $file } is not offered: your { $owner } already has its id “{ $id }”. Give it an id of its own, and name the file after it.
menu-minutes = about { $minutes } min
menu-mode = Mode
menu-mode-guided = Guided
menu-mode-guided-help = Hints, highlighted objects and live feedback.
menu-mode-assessment = Assessment
menu-mode-assessment-help = No help: using an object that belongs to another step counts as an error.
menu-language = Language
menu-headset = Headset
menu-headset-found = Headset connected: the session runs in VR.
menu-headset-missing = No headset runtime found: playing on the desktop.
menu-height = Play height
menu-height-standing = Standing
menu-height-seated = Seated
menu-start = Enter the cleanroom
menu-free-roam = Explore the cleanroom (no procedure)
menu-quit = Quit

controls-title = Controls
controls-move = W A S D — walk (Shift hurries: in a cleanroom, don't)
controls-look = Mouse or arrow keys — look around
controls-use = Left click — use (doors, buttons, screens)
controls-grab = Hold right click — grab and carry; release to put down
controls-dial = Scroll wheel — turn a dial
controls-pause = Esc — pause menu
controls-dismiss = Press any movement key to start.

pause-title = Paused
pause-resume = Resume
pause-restart = Restart the level
pause-menu = Back to the main menu
pause-controls = Show the controls

debrief-title = Debrief
debrief-score = Score: { $score } / { $max }
debrief-passed = Passed
debrief-failed = Not passed
debrief-steps = Steps
debrief-deviations = Deviations
debrief-no-deviations = No deviation was recorded.
debrief-waiting = The procedure engine has not reported a result for this session.
debrief-back = Back to the main menu

hud-step = Current step
hud-free-roam = Free exploration: walk to every area of the cleanroom.
hud-zone = Zone: { $zone }
hud-interlock = Interlock: close the other door of the airlock first.
hud-door-open = Door opened
hud-door-closed = Door closed
hud-use-hint = Click to use: { $target }

zone-corridor = Grade C corridor
zone-airlock = Gowning airlock (Grade C → B)
zone-processing = Grade B processing room
zone-bsc = Grade A biosafety cabinet

sign-corridor = CORRIDOR
sign-airlock = GOWNING AIRLOCK
sign-processing = PROCESSING ROOM
sign-grade-a = GRADE A
sign-grade-b = GRADE B
sign-grade-c = GRADE C
sign-step-over = STEP OVER — CLEAN SIDE
sign-pass-through = PASS-THROUGH HATCH
sign-gown-order = GOWNING ORDER
sign-gown-steps = 1 Wash and sanitise hands · 2 Undergarments · 3 Sterile gloves · 4 Hood · 5 Mask and goggles · 6 Coverall · 7 Boots · 8 Second gloves · 9 Sanitise gloves
sign-interlock = INTERLOCKED DOORS — ONE AT A TIME
sign-bioreactor = HOLLOW-FIBRE BIOREACTOR
sign-apheresis = APHERESIS
sign-fill-finish = FILL AND FINISH
sign-batch-review = QA DOCUMENT REVIEW
sign-qc-release = QC REVIEW AND RELEASE
sign-sanitiser = HAND SANITISER
sign-wash = HAND WASH

screen-bioreactor = Bioreactor — system idle
screen-bioreactor-detail = Set not loaded · IC inlet 0.0 mL/min · EC inlet 0.0 mL/min
screen-apheresis = Apheresis — ready to load set
screen-apheresis-detail = Centrifuge stopped · door closed
screen-fill-finish = Fill and finish — plate not cooled
screen-fill-finish-detail = Plate 22 °C · target 2–8 °C
screen-batch-review = QA review — no record open
screen-batch-review-detail = Start the inspection-readiness level
screen-qc-release = QC review — no batch open
screen-qc-release-detail = Start a QC release level

door-corridor = corridor door
door-processing = processing-room door
door-hatch = pass-through hatch

hud-hint = Hint:
hud-event-deadline = Respond within { $seconds } s.
severity-minor = Minor deviation
severity-major = Major deviation
severity-critical = Critical deviation
procedure-reloaded = The level file changed: the level restarted from the new version.
procedure-reload-failed = The edited level file has errors: still playing the previous version (run “cleanroom check”).
debrief-pass-mark = Pass mark: { $score }
debrief-time = Time: { $minutes } min · { $mode }
fail-score = Score { $score } is below the pass mark of { $pass }.
fail-critical = A critical deviation was recorded ({ $id }).
fail-time = The level's time limit of { $minutes } min was exceeded.
fail-incomplete = Not completed: { $steps }

item-undergarment = undergarments pack (hold right click to check it)
item-hood = sterile hood pack (hold right click to check it)
item-coverall = sterile coverall pack (hold right click to check it)
item-mask = sterile mask pack (hold right click to check it)
item-goggles = sterile goggles pack (hold right click to check it)
item-sterile-gloves = sterile gloves pack (hold right click to check it)
item-outer-gloves = outer sterile gloves pack (hold right click to check it)
item-spare-gloves = spare sterile gloves pack (hold right click to check it)
item-boots = sterile boots pack (hold right click to check it)
item-sink = hand-wash sink
item-sanitiser = hand sanitiser
item-mirror = mirror
item-poster = gowning procedure poster
item-bin = bin for used garments (take off the outer gloves)
item-bench = step-over bench (not sterile)
item-wall = wall (not sterile)

item-touchscreen = touchscreen
station-refused = The station refused: see its screen.

socket-does-not-fit = That does not go there.
weld-pick-bag = Tube end selected: now use the bag to weld it to.
weld-done = Sterile weld made: inspect it before going on.
item-set = single-use set (click to inspect, hold right click to carry)
item-bag = bag (click to inspect, hold right click to carry)
item-record = previous batch record (hold right click to carry)
item-previous-labels = printed labels of batch 24-117 (hold right click to carry)
item-logbook = bioreactor equipment logbook (click to read it)
item-record-status = batch record status (click to check it)
item-room-monitor = room monitoring panel (click to check the readings)
item-tube-end = line end (click, then click a bag to weld; click a weld to inspect it)
item-clamp = line clamp (click to open or close)
item-status-label = equipment status label
item-work-bench = work bench
item-record-terminal = electronic batch record
record-title = Electronic batch record
record-operator = Operator: trainee
record-no-entries = No entries to sign in this session.
record-sign = sign
record-signed = signed ✓
record-enter-value = enter a value
record-enter = Enter
record-delete = Delete
record-space = Space
record-cancel = Cancel
record-yes = Yes
record-no = No

seal-pick-line = Heat sealer ready: now use the line end to seal.
seal-done = Line sealed: inspect the seal before separating.
dropped-on-floor = Dropped on the floor: that item is no longer sterile.
item-rate-dial = IC inlet rate dial (scroll to turn)
item-sample-port = sample port (click to draw a sample)
item-sealer = heat sealer (click, then click a line end to seal it)

hud-socket-fits = Let go to place it here.
hud-socket-rejects = This does not go here.

panel-close = Close (Esc)

menu-level-not-in-world = Checks and replays, but cannot be played in the cleanroom yet: it needs { $ids }.
fail-more = and { $count } more

item-bioreactor = bioreactor (click to check it)

item-label = label (carry it onto what it labels)
item-sample-tube = sample tube (label it, then put it in the analyser)
item-qc-count = QC sample: cell count and viability (fill it at the harvest bag's sampling site, then into the pass box)
item-qc-sterility = QC sample: sterility (fill it at the harvest bag's sampling site, then into the pass box)
item-qc-mycoplasma = QC sample: mycoplasma (fill it at the harvest bag's sampling site, then into the pass box)
item-qc-endotoxin = QC sample: endotoxin (fill it at the harvest bag's sampling site, then into the pass box)
item-starting-count = starting-material sample: cell count and viability (fill it at the cell bag's sampling site, then into the pass box)
item-starting-sterility = starting-material sample: sterility (fill it at the cell bag's sampling site, then into the pass box)

item-inlet-line = IC inlet line (click to check it)
item-pump-head = pump head (click to seat the set's line in it, or to check it)
item-centrifuge-door = centrifuge door (click to open or close)
item-saline-clamp = inlet saline line clamp (click to open or close)
item-donor-line = donor line end (click, then click the donor's needle to connect it; with the heat sealer, seal it)
item-collect-line = collect line (with the heat sealer, seal the collect bag off)
item-access-needle = access needle, in the arm blood is drawn from
item-return-needle = return needle, in the arm blood goes back to
item-return-site = return site (click to check it for swelling)
item-apheresis-set = apheresis set with its cassette (carry it to the machine's cassette mount)
item-filler = the set's filler (carry it into the open centrifuge)
item-product-label = product label (carry it onto the collect bag)
item-mnc-counts = product sample: WBC, Hct, CD3+ and viable CD45+ (fill it at the collect bag's sampling site)
item-mnc-sterility = product sample: sterility (fill it at the collect bag's sampling site)
item-calcium = oral calcium (hand it to the donor)
item-squeeze-ball = squeeze ball (hand it to the donor)
item-workup-sheet = donor work-up sheet (click to read it)
item-review-desk = QA review desk
item-loose-note = loose note (click to read it)
item-plate-lid = cooling plate lid (click to open or close)
item-ff-set = fill-and-finish set (carry it onto the unit's set mount)
item-ff-cell-bag = incoming cell bag (weld the set's cell line to it)
item-ff-cell-tag = incoming bag tag (click to read its DIN)
item-ff-cryo-bag = cryoprotectant bag (weld the set's cryoprotectant line to it)
item-ff-manifold = final bag manifold (weld the set's final-bag line to it)
item-ff-final-bag = final bag (click to apply its printed label)
item-ff-bag-tube = final bag tube (with the heat sealer, seal it; then click to inspect the seal)
item-ff-cell-line = set's cell line (click, then the cell bag, to weld; click again to inspect the weld)
item-ff-cryo-line = set's cryoprotectant line (click, then the cryoprotectant bag, to weld; click again to inspect)
item-ff-bags-line = set's final-bag line (click, then the bag manifold, to weld; click again to inspect)
item-ff-cryo-clamp = cryoprotectant line clamp (click to open or close)
item-ff-label-printer = label printer (click to print the labels from the batch record)
item-ff-overwrap = overwrap sealer (click to overwrap the labelled bags)
item-ff-qc-tube = QC sample tube (fill it at the unit's sampling port)
item-ff-retention-tube = retention sample tube (fill it at the unit's sampling port)
item-ff-batch-record = batch record (click to read it)
item-ff-freezer = controlled-rate freezer door (click to load the overwrapped bags)
luer-done = Line connected to the donor's needle by its Luer lock.

## Signing in, and where the records go
menu-trainee = Trainee
menu-trainee-signed-in = { $name } ({ $id })
menu-trainee-sign-out = Sign out
menu-trainee-known = Trained on this machine before:
menu-trainee-id = ID
menu-trainee-name = Name
menu-trainee-sign-in = Sign in
menu-trainee-needed = Sign in to start a level: every attempt is recorded under your name.
menu-trainee-by-lms = named by the learning system
menu-curriculum = The levels in the order they are taken; a level opens once the ones before it are passed.
menu-any-level = Any level (instructor)
menu-lesson-passed = passed
menu-lesson-locked = Opens once passed: { $levels }
menu-lesson-locked-open = Not yet passed first: { $levels } (opened by the instructor)
menu-curriculum-problem = The curriculum does not fit the levels: { $problem }
menu-records = Records
menu-records-opening = Opening the records…
menu-records-ready = Saved on this machine (records this session: { $count }).
menu-records-failing = Not saved yet: { $error } (kept in memory and tried again).
menu-records-refused = NOT RECORDED: { $error }
menu-records-off = Not recorded (a check or demonstration run).
menu-lrs = Learning record store
menu-lrs-up-to-date = Up to date with { $endpoint } (statements delivered this session: { $delivered }).
menu-lrs-sending = Sending to { $endpoint } (statements waiting: { $waiting })…
menu-lrs-starting = Connecting to { $endpoint }…
menu-lrs-unreachable = Statements waiting: { $waiting }. { $endpoint } cannot be reached ({ $error }); they are sent when it answers.
menu-lrs-not-authorised = Statements waiting: { $waiting }. { $endpoint } refuses the game's credentials ({ $error }).
menu-lrs-none = None set up (statements stay on this machine).
menu-lrs-stranded = Kept on this machine, unsent: statements of an earlier launch by the learning system, which closed before they reached it (only that launch's token could send them): { $stranded }.

# The practice bench and the tutorial
sign-practice-bench = PRACTICE BENCH — FOR TRAINING ONLY
sign-conduct-title = CLEANROOM CONDUCT
sign-conduct-rules = Move slowly: a moving person sheds about ten times the particles of a still one · Never block first air · Never reach over open product · Sanitise gloves after touching a non-sterile surface
screen-practice-bench = Practice bench
screen-practice-bench-detail = Start the tutorial
item-practice-bench = practice bench (for training only)
item-practice-bag = practice bag (click to inspect, hold right click to carry)
item-practice-button = green practice button (click to press)
item-practice-dial = practice dial (scroll to turn)
item-practice-line = practice tube's end (click, then the practice bag, to weld; click again to inspect the weld)

# How to do the current step, in the words of the controls in use
hud-how = How:
hud-step-done = Done
how-walk-desktop = Hold W to walk forward (S back, A and D to the sides) and steer with the mouse or the arrow keys.
how-walk-headset = Push a thumbstick forward, point the arc at the floor where you want to be, and let go to teleport there.
how-look-desktop = Move the mouse (or hold the arrow keys) to look around, and rest the cross in the middle of the screen on it for a moment.
how-look-headset = Turn your head, or push a thumbstick left or right to turn in steps, and look straight at it for a moment.
how-inspect-desktop = Put the cross on it and left-click to look at it closely.
how-inspect-headset = Point the controller's ray at it and pull the trigger to look at it closely.
how-grab-desktop = Put the cross on it and hold the right mouse button to pick it up; keep holding to carry it.
how-grab-headset = Point the controller's ray at it and hold the grip button to pick it up; keep holding to carry it.
how-place-desktop = Carrying it (right button held), walk there, put the cross on the place until it shows green, and let go.
how-place-headset = Carrying it (grip held), point the ray at the place until it shows green, and let go of the grip.
how-press-desktop = Put the cross on the button and left-click.
how-press-headset = Point the controller's ray at the button and pull the trigger.
how-touchscreen-desktop = Put the cross on the button on the screen and left-click (click the screen away from its buttons to open it large).
how-touchscreen-headset = Point the controller's ray at the button on the screen and pull the trigger.
how-dial-desktop = Put the cross on the dial and turn the scroll wheel; when you stop, the dial's value counts.
how-dial-headset = Point the ray at the dial, hold the trigger and twist your wrist; when you let go, the dial's value counts.
how-weld-desktop = Left-click the tube's end, then left-click what to weld it to.
how-weld-headset = Pull the trigger at the tube's end, then at what to weld it to.
how-seal-desktop = Left-click the heat sealer, then left-click the tube's end to seal it.
how-seal-headset = Pull the trigger at the heat sealer, then at the tube's end to seal it.
how-sign-desktop = On the batch record terminal, left-click the entry's row: it is signed with your name and the time.
how-sign-headset = On the batch record terminal, point the ray at the entry's row and pull the trigger: it is signed with your name and the time.

# Environmental monitoring trolley
screen-em = Environmental monitoring
screen-em-detail = Particle counter and plates
item-settle-plate = settle plate (hold right click to carry; left-click it in its place to take the lid off or put it back)
item-contact-plate = contact plate (carry it to the marked spot and hold left click to press it flat)
item-glove-plate = glove-print plate (left-click each finger mark to roll that finger on it)
item-finger-mark = finger mark on the glove-print plate (left-click to print this finger)
item-contact-spot = contact plate spot on the cabinet's work surface
item-fresh-gloves = sterile outer gloves (left-click to put on a fresh pair)
item-intercom = intercom (not sterile)
hud-plate-pressing = Pressing the plate flat: hold still, and keep the button down for the time set.
hud-plate-lifted = Plate lifted.
how-press-onto-desktop = Carrying the plate (right button held), put the cross on the marked spot and hold the left button down without moving for the time set; let go to lift it.
how-press-onto-headset = Carrying the plate (grip held), point the ray at the marked spot and hold the trigger without moving for the time set; let go to lift it.
item-settle-plate-lid = settle plate lid (left-click to take it off or put it back; hold right click to carry the plate)
item-em-trolley = environmental monitoring trolley
item-qc-instrument-display = instrument display
item-qc-incubator-read = read the culture bottles (7 days)
