//! The wire format of Monado's `remote` driver and a script of what the head and the two
//! controllers do, for tests that play the game in a headset through the real runtime.
//!
//! The driver (Monado 25.0.0, as Debian 13 ships it: `src/xrt/drivers/remote/r_interface.h`
//! and `r_hub.c`) listens on TCP port 4242 on every interface. On each connection it sends two
//! whole states (its reset state and its latest), then reads whole states: one C struct
//! `r_remote_data` of 376 bytes, in the host's byte order, with no framing. Each state replaces
//! the last, so every packet carries the head and both controllers. The devices are a head and
//! two Valve Index controllers; poses are in the stage space (metres, y up, −z forward;
//! quaternions x, y, z, w).

use std::fmt;

/// The size of one state on the wire (`sizeof(struct r_remote_data)` on x86_64).
pub const PACKET_SIZE: usize = 376;
/// `R_HEADER_VALUE`: "mndrmt3\0". Monado 25.0.0 does not check it; later versions do.
const HEADER: &[u8; 8] = b"mndrmt3\0";
const HEAD: usize = 8;
const HEAD_CENTER: usize = HEAD + 96;
const HEAD_PER_VIEW_VALID: usize = HEAD + 124;
const LEFT: usize = 136;
const RIGHT: usize = 256;

/// A pose in the stage space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pose {
    pub position: [f32; 3],
    /// x, y, z, w.
    pub orientation: [f32; 4],
}

impl Pose {
    pub const IDENTITY: [f32; 4] = [0.0, 0.0, 0.0, 1.0];

    /// A pose at `position` looking along `forward` (−z of the pose), with y kept up.
    pub fn looking(position: [f32; 3], forward: [f32; 3]) -> Self {
        Self { position, orientation: look_rotation(forward) }
    }
}

/// What one controller does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Controller {
    /// Tracked and on: an inactive controller has no pose and no inputs.
    pub active: bool,
    pub pose: Pose,
    /// 0 to 1; the trigger clicks from 0.7, as Monado's own remote control does.
    pub trigger: f32,
    /// The grip, 0 to 1.
    pub squeeze: f32,
    /// −1 to 1 each way.
    pub thumbstick: [f32; 2],
    pub thumbstick_click: bool,
    pub a: bool,
    pub b: bool,
    pub system: bool,
}

impl Controller {
    fn at(position: [f32; 3]) -> Self {
        Self {
            active: true,
            pose: Pose { position, orientation: Pose::IDENTITY },
            trigger: 0.0,
            squeeze: 0.0,
            thumbstick: [0.0, 0.0],
            thumbstick_click: false,
            a: false,
            b: false,
            system: false,
        }
    }
}

/// The head and both controllers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct State {
    pub head: Pose,
    pub left: Controller,
    pub right: Controller,
}

impl Default for State {
    /// Standing at the stage's origin, looking along −z, the hands in front at waist height
    /// (where Monado's remote driver starts them).
    fn default() -> Self {
        Self {
            head: Pose { position: [0.0, 1.6, 0.0], orientation: Pose::IDENTITY },
            left: Controller::at([-0.2, 1.3, -0.5]),
            right: Controller::at([0.2, 1.3, -0.5]),
        }
    }
}

fn put_f32s(bytes: &mut [u8], at: usize, values: &[f32]) {
    for (index, value) in values.iter().enumerate() {
        bytes[at + index * 4..at + index * 4 + 4].copy_from_slice(&value.to_ne_bytes());
    }
}

fn put_pose(bytes: &mut [u8], at: usize, pose: &Pose) {
    // `struct xrt_pose`: the orientation first, then the position.
    put_f32s(bytes, at, &pose.orientation);
    put_f32s(bytes, at + 16, &pose.position);
}

fn put_controller(bytes: &mut [u8], at: usize, controller: &Controller) {
    put_pose(bytes, at, &controller.pose);
    // Velocities (28..52) and the hand's curl (52..72) stay zero.
    put_f32s(bytes, at + 72, &[controller.trigger, controller.squeeze]);
    put_f32s(bytes, at + 84, &controller.thumbstick);
    let flags = [
        (104, false), // hand_tracking_active
        (105, controller.active),
        (106, controller.system),         // system_click
        (107, controller.system),         // system_touch
        (108, controller.a),              // a_click
        (109, controller.a),              // a_touch
        (110, controller.b),              // b_click
        (111, controller.b),              // b_touch
        (112, controller.trigger >= 0.7), // trigger_click
        (113, controller.trigger > 0.0),  // trigger_touch
        (114, controller.thumbstick_click),
        (115, controller.thumbstick != [0.0, 0.0] || controller.thumbstick_click),
    ];
    for (offset, on) in flags {
        bytes[at + offset] = u8::from(on);
    }
}

/// One state as the driver reads it.
pub fn encode(state: &State) -> [u8; PACKET_SIZE] {
    let mut bytes = [0u8; PACKET_SIZE];
    bytes[..8].copy_from_slice(HEADER);
    // No per-view data: the driver's own eye poses and fields of view.
    put_pose(&mut bytes, HEAD_CENTER, &state.head);
    bytes[HEAD_PER_VIEW_VALID] = 0;
    put_controller(&mut bytes, LEFT, &state.left);
    put_controller(&mut bytes, RIGHT, &state.right);
    bytes
}

/// The rotation that turns −z into `forward`, keeping y up (x, y, z, w).
pub fn look_rotation(forward: [f32; 3]) -> [f32; 4] {
    let length = (forward[0].powi(2) + forward[1].powi(2) + forward[2].powi(2)).sqrt();
    if length < 1e-6 {
        return Pose::IDENTITY;
    }
    let [x, y, z] = forward.map(|value| value / length);
    // Yaw about y from −z, then pitch about the turned x.
    let yaw = (-x).atan2(-z);
    let pitch = y.clamp(-1.0, 1.0).asin();
    let (sy, cy) = ((yaw / 2.0).sin(), (yaw / 2.0).cos());
    let (sp, cp) = ((pitch / 2.0).sin(), (pitch / 2.0).cos());
    // q = yaw(y) * pitch(x)
    [cy * sp, sy * cp, -sy * sp, cy * cp]
}

/// One line of a script: hold these changes to the state for some seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct Hold {
    pub seconds: f64,
    /// What the line said, for the log.
    pub said: String,
    pub state: State,
}

/// Why a script cannot be read.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ScriptError {}

fn numbers<const N: usize>(text: &str) -> Option<[f32; N]> {
    let values: Vec<f32> = text.split(',').map(|part| part.trim().parse().ok()).collect::<Option<_>>()?;
    values.try_into().ok()
}

/// Reads a script: one hold a line, `hold SECONDS [key=value ...]`; what a line does not change
/// stays as the line before left it; `#` starts a comment. Keys: `head.pos=x,y,z`,
/// `head.look=dx,dy,dz`, and for `left.` or `right.`: `pos=x,y,z`, `aim=dx,dy,dz`,
/// `trigger=0..1`, `squeeze=0..1`, `stick=x,y`, `click=0|1` (the thumbstick), `a=0|1`,
/// `b=0|1`, `system=0|1`, `active=0|1`.
pub fn parse_script(text: &str) -> Result<Vec<Hold>, ScriptError> {
    let mut state = State::default();
    let mut holds = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let said = raw.split('#').next().unwrap_or("").trim();
        if said.is_empty() {
            continue;
        }
        let error = |message: String| ScriptError { line, message };
        let mut words = said.split_whitespace();
        if words.next() != Some("hold") {
            return Err(error(format!("`{said}`: a line is `hold SECONDS key=value ...`")));
        }
        let seconds: f64 = words
            .next()
            .and_then(|word| word.parse().ok())
            .filter(|seconds: &f64| seconds.is_finite() && *seconds >= 0.0)
            .ok_or_else(|| error("`hold` needs its seconds".into()))?;
        for word in words {
            let (key, value) = word.split_once('=').ok_or_else(|| error(format!("`{word}` is not key=value")))?;
            let bad = || error(format!("`{word}`: not a value for {key}"));
            let flag = || match value {
                "0" => Ok(false),
                "1" => Ok(true),
                _ => Err(bad()),
            };
            let (part, field) = key.split_once('.').ok_or_else(|| error(format!("`{key}`: head., left. or right.")))?;
            if part == "head" {
                match field {
                    "pos" => state.head.position = numbers(value).ok_or_else(bad)?,
                    "look" => state.head.orientation = look_rotation(numbers(value).ok_or_else(bad)?),
                    _ => return Err(error(format!("`{key}`: the head has pos and look"))),
                }
                continue;
            }
            let hand = match part {
                "left" => &mut state.left,
                "right" => &mut state.right,
                _ => return Err(error(format!("`{key}`: head., left. or right."))),
            };
            match field {
                "pos" => hand.pose.position = numbers(value).ok_or_else(bad)?,
                "aim" => hand.pose.orientation = look_rotation(numbers(value).ok_or_else(bad)?),
                "trigger" => hand.trigger = numbers::<1>(value).ok_or_else(bad)?[0].clamp(0.0, 1.0),
                "squeeze" => hand.squeeze = numbers::<1>(value).ok_or_else(bad)?[0].clamp(0.0, 1.0),
                "stick" => hand.thumbstick = numbers(value).ok_or_else(bad)?.map(|v: f32| v.clamp(-1.0, 1.0)),
                "click" => hand.thumbstick_click = flag()?,
                "a" => hand.a = flag()?,
                "b" => hand.b = flag()?,
                "system" => hand.system = flag()?,
                "active" => hand.active = flag()?,
                _ => return Err(error(format!("`{key}`: not a controller's input"))),
            }
        }
        holds.push(Hold { seconds, said: said.to_owned(), state });
    }
    Ok(holds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f32_at(bytes: &[u8], at: usize) -> f32 {
        f32::from_ne_bytes(bytes[at..at + 4].try_into().unwrap())
    }

    #[test]
    fn a_state_is_laid_out_as_the_driver_reads_it() {
        let mut state = State::default();
        state.right.trigger = 1.0;
        state.right.thumbstick = [0.0, 1.0];
        state.left.squeeze = 0.5;
        state.head.position = [1.0, 1.7, 2.0];
        let bytes = encode(&state);
        assert_eq!(bytes.len(), 376);
        assert_eq!(&bytes[..8], b"mndrmt3\0");
        // The head's centre: orientation w, then the position.
        assert_eq!(f32_at(&bytes, 8 + 96 + 12), 1.0);
        assert_eq!([f32_at(&bytes, 8 + 112), f32_at(&bytes, 8 + 116), f32_at(&bytes, 8 + 120)], [1.0, 1.7, 2.0]);
        assert_eq!(bytes[8 + 124], 0, "no per-view data");
        // Left's squeeze; right's trigger value, click and touch, and thumbstick.
        assert_eq!(f32_at(&bytes, 136 + 76), 0.5);
        assert_eq!(f32_at(&bytes, 256 + 72), 1.0);
        assert_eq!((bytes[256 + 112], bytes[256 + 113]), (1, 1));
        assert_eq!(f32_at(&bytes, 256 + 88), 1.0);
        assert_eq!((bytes[136 + 105], bytes[256 + 105]), (1, 1), "both active");
        assert_eq!(f32_at(&bytes, 256 + 16), 0.2, "right's x");
    }

    #[test]
    fn a_look_rotation_turns_minus_z_to_the_direction() {
        let rotate = |q: [f32; 4], v: [f32; 3]| {
            let [x, y, z, w] = q;
            let u = [x, y, z];
            let cross = |a: [f32; 3], b: [f32; 3]| {
                [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
            };
            let t = cross(u, v).map(|c| 2.0 * c);
            let c = cross(u, t);
            [v[0] + w * t[0] + c[0], v[1] + w * t[1] + c[1], v[2] + w * t[2] + c[2]]
        };
        for forward in [[1.0f32, 0.0, 0.0], [0.0, 0.0, 1.0], [0.6, -0.3, -0.74], [-0.2, 0.5, 0.3]] {
            let length = (forward[0] * forward[0] + forward[1] * forward[1] + forward[2] * forward[2]).sqrt();
            let turned = rotate(look_rotation(forward), [0.0, 0.0, -1.0]);
            for axis in 0..3 {
                assert!((turned[axis] - forward[axis] / length).abs() < 1e-4, "{forward:?} -> {turned:?}");
            }
        }
    }

    #[test]
    fn a_script_holds_each_change_and_keeps_the_rest() {
        let holds = parse_script(
            "# at the door\nhold 2 right.aim=1,0,0\nhold 6 right.trigger=1\n\nhold 3 right.trigger=0 left.stick=0,1\n",
        )
        .expect("reads");
        assert_eq!(holds.len(), 3);
        assert_eq!(holds[1].state.right.trigger, 1.0);
        assert_eq!(holds[1].state.right.pose.orientation, holds[0].state.right.pose.orientation);
        assert_eq!(holds[2].state.left.thumbstick, [0.0, 1.0]);
        assert_eq!(holds[2].seconds, 3.0);
        let error = parse_script("hold 1\nwait 3").unwrap_err();
        assert_eq!(error.line, 2);
        assert!(parse_script("hold 1 right.trigger=high").unwrap_err().message.contains("right.trigger"));
        assert!(parse_script("hold 1 knee.pos=0,0,0").is_err());
    }
}
