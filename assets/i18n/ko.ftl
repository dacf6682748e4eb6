# cleanroom — 한국어 사용자 인터페이스 문구.

app-title = 청정실 — GMP 세포치료제 제조 교육
app-subtitle = 오염 없이 MSC와 CAR-T 치료제를 제조하는 법을 배웁니다.

loading-title = 청정실 준비 중
loading-step = { $what } 불러오는 중…
loading-fonts = 글꼴
loading-levels = 공정 레벨
loading-world = 청정실

menu-no-levels = { $dir }에서 레벨 파일을 찾지 못했습니다.
menu-level-error = { $file }에 문제가 있어 실행할 수 없습니다. 자세한 내용은 “cleanroom check”로 확인하세요.
menu-shipped-levels = 기본 제공 레벨
menu-your-levels = 내 레벨
menu-your-levels-folder = { $dir }의 레벨입니다. 이 폴더에서 파일을 추가·수정·삭제하면 바로 반영됩니다.
menu-your-levels-none = 아직 없습니다. *.level.ron 파일을 { $dir }에 넣으면(“cleanroom check”로 확인) 여기에 나타납니다.
menu-your-levels-no-home = (이 컴퓨터에 홈 폴더가 없습니다)
menu-level-clash-shipped = 내 { $file }은(는) 실행할 수 없습니다. 기본 제공 레벨({ $owner })이 이미 ID “{ $id }”를 사용합니다. 고유한 ID를 지정하고 파일 이름도 그 ID로 바꾸세요.
menu-level-clash-yours = 내 { $file }은(는) 실행할 수 없습니다. 내 { $owner }이(가) 이미 ID “{ $id }”를 사용합니다. 고유한 ID를 지정하고 파일 이름도 그 ID로 바꾸세요.
menu-minutes = 약 { $minutes }분
menu-mode = 모드
menu-mode-guided = 안내 모드
menu-mode-guided-help = 힌트, 대상 강조 표시, 실시간 피드백을 제공합니다.
menu-mode-assessment = 평가 모드
menu-mode-assessment-help = 도움 없음: 다른 단계의 물품을 사용하면 오류로 기록됩니다.
menu-language = 언어
menu-headset = 헤드셋
menu-headset-found = 헤드셋 연결됨: VR로 진행합니다.
menu-headset-missing = 헤드셋 런타임 없음: 데스크톱으로 진행합니다.
menu-height = 플레이 자세
menu-height-standing = 선 자세
menu-height-seated = 앉은 자세
menu-start = 청정실 입장
menu-free-roam = 청정실 둘러보기 (공정 없음)
menu-quit = 종료

controls-title = 조작법
controls-move = W A S D — 걷기
controls-look = 마우스 — 둘러보기
controls-use = 왼쪽 클릭 — 사용 (문, 버튼, 화면)
controls-grab = 오른쪽 버튼 누르고 있기 — 잡고 옮기기, 놓으면 내려놓기
controls-dial = 마우스 휠 — 다이얼 돌리기
controls-pause = Esc — 일시 정지 메뉴
controls-dismiss = 이동 키를 누르면 시작합니다.

pause-title = 일시 정지
pause-resume = 계속하기
pause-restart = 레벨 다시 시작
pause-menu = 주 메뉴로
pause-controls = 조작법 보기

debrief-title = 결과 보고
debrief-score = 점수: { $score } / { $max }
debrief-passed = 합격
debrief-failed = 불합격
debrief-steps = 단계
debrief-deviations = 일탈
debrief-no-deviations = 기록된 일탈이 없습니다.
debrief-waiting = 이 세션에 대해 공정 엔진이 보고한 결과가 없습니다.
debrief-back = 주 메뉴로

hud-step = 현재 단계
hud-free-roam = 자유 탐색: 청정실의 모든 구역을 걸어 보세요.
hud-zone = 구역: { $zone }
hud-interlock = 인터록: 갱의실의 다른 쪽 문을 먼저 닫으세요.
hud-door-open = 문 열림
hud-door-closed = 문 닫힘
hud-use-hint = 클릭하여 사용: { $target }

zone-corridor = C등급 복도
zone-airlock = 갱의실 (C등급 → B등급)
zone-processing = B등급 공정실
zone-bsc = A등급 생물안전작업대

sign-corridor = 복도
sign-airlock = 갱의실
sign-processing = 공정실
sign-grade-a = A등급
sign-grade-b = B등급
sign-grade-c = C등급
sign-step-over = 넘어서 입장 — 청정구역
sign-pass-through = 패스박스
sign-gown-order = 갱의 순서
sign-gown-steps = 1 손 씻기·소독 · 2 내의 · 3 멸균 장갑 · 4 후드 · 5 마스크·고글 · 6 커버올 · 7 부츠 · 8 두 번째 장갑 · 9 장갑 소독
sign-interlock = 인터록 문 — 한 번에 하나씩
sign-bioreactor = 중공사 바이오리액터
sign-apheresis = 성분채집
sign-fill-finish = 충전·마감
sign-sanitiser = 손 소독제
sign-wash = 손 씻기

screen-bioreactor = 바이오리액터 — 대기 중
screen-bioreactor-detail = 세트 미장착 · IC 유입 0.0 mL/min · EC 유입 0.0 mL/min
screen-apheresis = 성분채집 — 세트 장착 대기
screen-apheresis-detail = 원심분리기 정지 · 도어 닫힘
screen-fill-finish = 충전·마감 — 플레이트 냉각 전
screen-fill-finish-detail = 플레이트 22 °C · 목표 2–8 °C

door-corridor = 복도 문
door-processing = 공정실 문
door-hatch = 패스박스

hud-hint = 힌트:
hud-event-deadline = { $seconds }초 안에 대응하세요.
severity-minor = 경미한 일탈
severity-major = 중대한 일탈
severity-critical = 치명적 일탈
procedure-reloaded = 레벨 파일이 변경되어 새 버전으로 다시 시작했습니다.
procedure-reload-failed = 수정된 레벨 파일에 오류가 있어 이전 버전으로 계속합니다 (“cleanroom check”로 확인).
debrief-pass-mark = 합격 기준: { $score }
debrief-time = 소요 시간: { $minutes }분 · { $mode }
fail-score = 점수 { $score }점이 합격 기준 { $pass }점에 못 미칩니다.
fail-critical = 치명적 일탈이 기록되었습니다 ({ $id }).
fail-time = 레벨 제한 시간 { $minutes }분을 넘었습니다.
fail-incomplete = 완료하지 않은 단계: { $steps }

item-undergarment = 내의 포장 (오른쪽 버튼을 누르고 있으면 점검)
item-hood = 멸균 후드 포장 (오른쪽 버튼을 누르고 있으면 점검)
item-coverall = 멸균 커버올 포장 (오른쪽 버튼을 누르고 있으면 점검)
item-mask = 멸균 마스크 포장 (오른쪽 버튼을 누르고 있으면 점검)
item-goggles = 멸균 고글 포장 (오른쪽 버튼을 누르고 있으면 점검)
item-sterile-gloves = 멸균 장갑 포장 (오른쪽 버튼을 누르고 있으면 점검)
item-outer-gloves = 멸균 겉장갑 포장 (오른쪽 버튼을 누르고 있으면 점검)
item-spare-gloves = 여분 멸균 장갑 포장 (오른쪽 버튼을 누르고 있으면 점검)
item-boots = 멸균 부츠 포장 (오른쪽 버튼을 누르고 있으면 점검)
item-sink = 세면대
item-sanitiser = 손 소독제
item-mirror = 거울
item-poster = 갱의 절차 게시물
item-bin = 사용한 복장 수거함 (겉장갑 벗기)
item-bench = 넘어서는 벤치 (비멸균)
item-wall = 벽 (비멸균)

item-touchscreen = 터치스크린
station-refused = 장비가 작업을 거부했습니다. 화면을 확인하세요.

socket-does-not-fit = 그곳에는 맞지 않습니다.
weld-pick-bag = 튜브 끝을 선택했습니다. 이제 접합할 백을 사용하세요.
weld-done = 무균 접합을 했습니다. 다음 단계 전에 접합부를 검사하세요.
item-set = 일회용 세트 (클릭하여 점검, 오른쪽 버튼을 누르고 있으면 운반)
item-bag = 백 (클릭하여 점검, 오른쪽 버튼을 누르고 있으면 운반)
item-record = 이전 배치의 제조기록서 (오른쪽 버튼을 누르고 있으면 운반)
item-logbook = 바이오리액터 장비 사용 일지 (클릭하여 읽기)
item-record-status = 제조기록서 상태 (클릭하여 확인)
item-room-monitor = 환경 모니터링 패널 (클릭하여 수치 확인)
item-tube-end = 라인 끝 (클릭한 뒤 백을 클릭하면 접합, 접합부를 클릭하면 검사)
item-clamp = 라인 클램프 (클릭하여 열기/닫기)
item-status-label = 장비 상태 표시
item-work-bench = 작업대
item-record-terminal = 전자 제조기록서
record-title = 전자 제조기록서
record-operator = 작업자: 훈련생
record-no-entries = 이 세션에서 서명할 기록이 없습니다.
record-sign = 서명
record-signed = 서명 완료 ✓
record-enter-value = 값을 입력하십시오
record-enter = 입력
record-delete = 지우기
record-space = 띄어쓰기
record-cancel = 취소
record-yes = 예
record-no = 아니요

seal-pick-line = 열 밀봉기 준비: 이제 밀봉할 라인 끝을 사용하세요.
seal-done = 라인을 밀봉했습니다. 분리하기 전에 밀봉부를 검사하세요.
dropped-on-floor = 바닥에 떨어뜨렸습니다. 이 물품은 더 이상 멸균 상태가 아닙니다.
item-rate-dial = IC 유입 속도 다이얼 (휠로 돌리기)
item-sample-port = 샘플 포트 (클릭하여 샘플 채취)
item-sealer = 열 밀봉기 (클릭한 뒤 라인 끝을 클릭하여 밀봉)

hud-socket-fits = 놓으면 이곳에 장착됩니다.
hud-socket-rejects = 이곳에는 맞지 않습니다.

panel-close = 닫기 (Esc)

menu-level-not-in-world = 검사와 재생은 되지만 아직 청정실에서 플레이할 수 없습니다. 필요한 항목: { $ids }
fail-more = 외 { $count }개

item-bioreactor = 바이오리액터 (클릭하여 점검)

item-label = 라벨 (붙일 곳으로 옮기기)
item-sample-tube = 샘플 튜브 (라벨을 붙인 뒤 분석기에 넣기)
item-qc-count = QC 샘플: 세포 수 및 생존율 (수확 백의 샘플링 부위에서 채운 뒤 패스 박스에 넣기)
item-qc-sterility = QC 샘플: 무균시험 (수확 백의 샘플링 부위에서 채운 뒤 패스 박스에 넣기)
item-qc-mycoplasma = QC 샘플: 마이코플라스마 (수확 백의 샘플링 부위에서 채운 뒤 패스 박스에 넣기)
item-qc-endotoxin = QC 샘플: 엔도톡신 (수확 백의 샘플링 부위에서 채운 뒤 패스 박스에 넣기)
item-starting-count = 출발물질 샘플: 세포 수 및 생존율 (세포 백의 샘플링 부위에서 채운 뒤 패스 박스에 넣기)
item-starting-sterility = 출발물질 샘플: 무균시험 (세포 백의 샘플링 부위에서 채운 뒤 패스 박스에 넣기)

item-inlet-line = IC 유입 라인 (클릭하여 점검)
item-pump-head = 펌프 헤드 (클릭하여 세트의 라인을 끼우거나 확인)
item-centrifuge-door = 원심분리기 문 (클릭하여 열기 또는 닫기)
item-saline-clamp = 유입 생리식염수 라인 클램프 (클릭하여 열기 또는 잠그기)
item-donor-line = 공여자 라인 끝 (클릭한 뒤 공여자의 바늘을 클릭하여 연결, 열 밀봉기로 밀봉)
item-collect-line = 수집 라인 (열 밀봉기로 수집 백을 밀봉 분리)
item-access-needle = 채혈 바늘, 혈액을 뽑는 팔
item-return-needle = 반환 바늘, 혈액이 돌아가는 팔
item-return-site = 반환 부위 (클릭하여 부종 확인)
item-apheresis-set = 카세트가 있는 성분채집 세트 (장비의 카세트 장착부로 옮기기)
item-filler = 세트의 필러 (열린 원심분리기 안으로 옮기기)
item-product-label = 산물 라벨 (수집 백에 붙이기)
item-mnc-counts = 산물 샘플: 백혈구, 헤마토크리트, CD3+, 생존 CD45+ (수집 백의 샘플 채취 부위에서 채우기)
item-mnc-sterility = 산물 샘플: 무균 (수집 백의 샘플 채취 부위에서 채우기)
item-calcium = 경구 칼슘 (공여자에게 주기)
item-squeeze-ball = 악력 공 (공여자에게 주기)
item-workup-sheet = 공여자 사전 검사지 (클릭하여 읽기)
item-plate-lid = 냉각 플레이트 덮개 (클릭하여 열기 또는 닫기)
item-ff-set = 충전·마감 세트 (장비의 세트 거치대로 옮기기)
item-ff-cell-bag = 입고 세포 백 (세트의 세포 라인을 접합)
item-ff-cell-tag = 입고 백 태그 (클릭하여 DIN 읽기)
item-ff-cryo-bag = 동결보호제 백 (세트의 동결보호제 라인을 접합)
item-ff-manifold = 최종 백 매니폴드 (세트의 최종 백 라인을 접합)
item-ff-final-bag = 최종 백 (클릭하여 인쇄된 라벨 부착)
item-ff-bag-tube = 최종 백 튜브 (열 밀봉기로 밀봉한 뒤 클릭하여 밀봉 검사)
item-ff-cell-line = 세트의 세포 라인 (클릭 후 세포 백을 클릭하여 접합, 다시 클릭하여 접합 검사)
item-ff-cryo-line = 세트의 동결보호제 라인 (클릭 후 동결보호제 백을 클릭하여 접합, 다시 클릭하여 검사)
item-ff-bags-line = 세트의 최종 백 라인 (클릭 후 백 매니폴드를 클릭하여 접합, 다시 클릭하여 검사)
item-ff-cryo-clamp = 동결보호제 라인 클램프 (클릭하여 열기 또는 닫기)
item-ff-label-printer = 라벨 프린터 (클릭하여 제조기록서의 라벨 인쇄)
item-ff-overwrap = 외포장 밀봉기 (클릭하여 라벨을 붙인 백을 외포장)
item-ff-qc-tube = QC 샘플 튜브 (장비의 샘플 포트에서 채취)
item-ff-retention-tube = 보관 샘플 튜브 (장비의 샘플 포트에서 채취)
item-ff-batch-record = 제조기록서 (클릭하여 읽기)
item-ff-freezer = 속도 조절 동결기 문 (클릭하여 외포장한 백 넣기)
luer-done = 루어 잠금으로 라인을 공여자의 바늘에 연결했습니다.

## 로그인과 기록
menu-trainee = 훈련생
menu-trainee-signed-in = { $name } ({ $id })
menu-trainee-sign-out = 로그아웃
menu-trainee-known = 이 컴퓨터에서 훈련받은 사람:
menu-trainee-id = ID
menu-trainee-name = 이름
menu-trainee-sign-in = 로그인
menu-trainee-needed = 레벨을 시작하려면 로그인하세요. 모든 시도는 본인 이름으로 기록됩니다.
menu-trainee-by-lms = 학습 관리 시스템이 지정함
menu-curriculum = 이수 순서대로 나열한 레벨입니다. 앞선 레벨에 합격하면 다음 레벨이 열립니다.
menu-any-level = 모든 레벨 (강사용)
menu-lesson-passed = 합격
menu-lesson-locked = 다음 레벨에 합격하면 열립니다: { $levels }
menu-lesson-locked-open = 먼저 합격하지 않은 레벨: { $levels } (강사가 열어 둠)
menu-curriculum-problem = 커리큘럼이 레벨과 맞지 않습니다: { $problem }
menu-records = 기록
menu-records-opening = 기록을 여는 중…
menu-records-ready = 이 컴퓨터에 저장됨 (이번 세션 기록 { $count }건).
menu-records-failing = 아직 저장되지 않음: { $error } (메모리에 보관하고 다시 시도합니다).
menu-records-refused = 기록되지 않음: { $error }
menu-records-off = 기록하지 않음 (점검 또는 시연 실행).
menu-lrs = 학습 기록 저장소(LRS)
menu-lrs-up-to-date = 최신 상태: { $endpoint }에 문장 { $delivered }개 전달됨.
menu-lrs-sending = { $endpoint }에 문장 { $waiting }개 전송 중…
menu-lrs-starting = { $endpoint }에 연결 중…
menu-lrs-unreachable = 문장 { $waiting }개 대기 중: { $endpoint }에 연결할 수 없습니다 ({ $error }). 연결되면 전송됩니다.
menu-lrs-not-authorised = 문장 { $waiting }개 대기 중: { $endpoint }이(가) 게임의 인증 정보를 거부합니다 ({ $error }).
menu-lrs-none = 설정되지 않음 (문장은 이 컴퓨터에만 남습니다).
menu-lrs-stranded = 전송되지 않고 이 컴퓨터에 보관됨: 학습 시스템이 이전에 실행한 세션의 문장 { $stranded }개 (그 세션이 끝나기 전에 전달되지 못했으며, 그 세션의 토큰으로만 보낼 수 있습니다).
