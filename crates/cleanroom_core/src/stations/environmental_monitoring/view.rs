//! The trolley's terminal: the particle counter's live counts against the limits, the plates
//! and their state, the results against Annex 1 Table 6, and the excursion workflow.

use super::*;
use crate::stations::desk::Pages;
use crate::stations::screen::{
    Chart, ScreenControl, ScreenLine, ScreenTask, ScreenView, Series, TaskState, Tone, alarm, good, line, message,
};

/// The terminal's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    Counter,
    Plates,
    Results,
    Excursion,
}

impl Pages for Page {
    const ALL: &'static [Self] = &[Page::Counter, Page::Plates, Page::Results, Page::Excursion];

    fn id(self) -> &'static str {
        match self {
            Page::Counter => "counter",
            Page::Plates => "plates",
            Page::Results => "results",
            Page::Excursion => "excursion",
        }
    }

    fn name(self) -> Text {
        match self {
            Page::Counter => Text::new("Particles", "입자"),
            Page::Plates => Text::new("Plates", "배지"),
            Page::Results => Text::new("Results", "결과"),
            Page::Excursion => Text::new("Excursion", "일탈"),
        }
    }
}

/// Particles/m³ with thin spaces between thousands, as counters print them.
fn count(value: f64) -> String {
    let digits = format!("{:.0}", value.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

impl EnvironmentalMonitoring {
    /// What the terminal shows now.
    pub fn view(&self) -> ScreenView {
        let corner = match self.operation_from_h {
            Some(from) if !self.operation_done => {
                let at = clock(self.time_h - from);
                Text::new(format!("Operation {at}"), format!("작업 {at}"))
            }
            Some(_) => Text::new("Operation ended", "작업 종료"),
            None if self.given => Text::new(format!("Batch {BATCH}"), format!("배치 {BATCH}")),
            None => Text::new("Before the operation", "작업 전"),
        };
        let warning = self.current_excursion().map(|_| Page::Excursion);
        let mut view = ScreenView {
            title: Text::new("Environmental monitoring", "환경 모니터링"),
            corner,
            tabs: self.desk.tabs(warning),
            ..ScreenView::default()
        };
        match self.desk.page() {
            Page::Counter => self.counter_page(&mut view),
            Page::Plates => self.plates_page(&mut view),
            Page::Results => self.results_page(&mut view),
            Page::Excursion => self.excursion_page(&mut view),
        }
        view
    }

    fn counter_page(&self, view: &mut ScreenView) {
        let counter = &self.counter;
        if self.given {
            view.lines.push(line(Text::new(
                format!("Review of batch {BATCH}'s plates: the counter is not in use"),
                format!("배치 {BATCH} 배지 검토: 계수기를 사용하지 않습니다"),
            )));
            return;
        }
        view.lines.push(if counter.running() {
            good(Text::new(
                "Counter sampling, 28.3 L/min, one sample a minute",
                "계수기 측정 중, 28.3 L/min, 1분마다 1회",
            ))
        } else {
            message(Text::new("Counter stopped: start it before the operation", "계수기 정지: 작업 전에 시작하십시오"))
        });
        for probe in Probe::ALL {
            let name = probe.name();
            let limits = probe.limits();
            // The last whole minute's count; before the first, the count so far.
            let latest = counter.latest(probe).map(|s| s.per_m3);
            let so_far = if latest.is_none() { Text::new(" (so far)", " (측정 중)") } else { Text::new("", "") };
            let shown = latest.or(counter.live(probe));
            let Some(values) = shown else {
                view.lines
                    .push(line(Text::new(format!("{}: no sample yet", name.en), format!("{}: 측정값 없음", name.ko))));
                continue;
            };
            let (half_limit, five_limit) = (count(limits[0]), count(limits[1]));
            view.lines.push(line(Text::new(
                format!("{} — limits {half_limit} · {five_limit} /m³", name.en),
                format!("{} — 기준 {half_limit} · {five_limit} /m³", name.ko),
            )));
            let tone_of = |size: usize| {
                if values[size] > limits[size] {
                    2
                } else if values[size] > probe.alerts()[size] {
                    1
                } else {
                    0
                }
            };
            let tone = match tone_of(0).max(tone_of(1)) {
                2 => Tone::Alarm,
                1 => Tone::Message,
                _ => Tone::Normal,
            };
            let (half, five) = (count(values[0]), count(values[1]));
            view.lines.push(ScreenLine {
                text: Text::new(
                    format!("   ≥0.5 µm: {half} /m³    ≥5 µm: {five} /m³{}", so_far.en),
                    format!("   ≥0.5 µm: {half} /m³    ≥5 µm: {five} /m³{}", so_far.ko),
                ),
                tone,
            });
        }
        if self.five_micron_run {
            view.lines
                .push(alarm(Text::new("Grade A: ≥5 µm in three consecutive samples", "A등급: 연속 세 번 ≥5 µm 검출")));
        }
        let series = |probe: Probe, size: usize, name: Text, tone: Tone, scale: u8| Series {
            name,
            tone,
            scale,
            points: counter.samples(probe).map(|s| (s.at_s / 60.0, s.per_m3[size])).collect(),
        };
        view.chart = Some(Chart {
            title: Text::new("Samples, particles/m³ by minute", "측정값, 분당 입자/m³"),
            empty: Text::new("Two samples are needed for the chart", "그래프에는 측정값이 두 개 필요합니다"),
            tick: 1.0,
            min_span: 5.0,
            series: vec![
                series(Probe::Room, 0, Text::new("Room ≥0.5 µm", "공정실 ≥0.5 µm"), Tone::Normal, 0),
                series(Probe::Cabinet, 0, Text::new("Cabinet ≥0.5 µm", "작업대 ≥0.5 µm"), Tone::Accent, 1),
            ],
        });
        view.buttons = vec![
            vec![ScreenControl::press(COUNTER_START, Text::new("Start counter", "계수기 시작"), !counter.running())],
            vec![ScreenControl::press(
                OPERATION_START,
                Text::new("Begin the operation", "작업 시작"),
                self.operation_from_h.is_none() && !self.given,
            )],
        ];
    }

    fn plates_page(&self, view: &mut ScreenView) {
        for plate in &self.plates {
            let name = plate.spec.name();
            let (en, ko) = if plate.incubated {
                ("in incubation".to_owned(), "배양 중".to_owned())
            } else if plate.open {
                let at = clock(plate.exposure_h);
                (format!("open {at} of at most 4:00"), format!("개봉 {at} / 최대 4:00"))
            } else if plate.sampled() {
                ("sampled, closed".to_owned(), "채취 완료, 닫힘".to_owned())
            } else if plate.spec.kind == PlateKind::GlovePrint && plate.fingers.iter().any(|f| *f) {
                let done = plate.fingers.iter().filter(|f| **f).count();
                (format!("{done} of 5 fingers"), format!("손가락 {done}/5"))
            } else if plate.labelled {
                ("labelled".to_owned(), "라벨 부착".to_owned())
            } else {
                ("not labelled".to_owned(), "라벨 없음".to_owned())
            };
            let text = Text::new(format!("{}: {en}", name.en), format!("{}: {ko}", name.ko));
            view.lines.push(if plate.open && plate.exposure_h > plates::MAX_EXPOSURE_H {
                alarm(text)
            } else if plate.labelled {
                line(text)
            } else {
                message(text)
            });
        }
        let steps = [
            (Text::new("Label every plate", "모든 배지에 라벨"), self.plates.iter().all(|p| p.labelled)),
            (
                Text::new("Expose the settle plates", "낙하균 배지 노출"),
                self.plates.iter().filter(|p| p.spec.kind == PlateKind::Settle).all(|p| p.exposed || p.open),
            ),
            (
                Text::new("Contact plate on the work surface", "작업면 표면 접촉 배지"),
                self.plates.iter().any(|p| p.spec.kind == PlateKind::Contact && p.sampled()),
            ),
            (Text::new("Glove prints, both hands", "양손 장갑 지문"), self.prints_done()),
            (Text::new("Change gloves", "장갑 교체"), self.gloves_changed_after_print),
            (Text::new("Plates to incubation", "배지 배양"), self.plates.iter().all(|p| p.incubated)),
        ];
        let states: Vec<TaskState> = TaskState::in_order(steps.iter().map(|(_, done)| *done)).collect();
        view.tasks = steps.into_iter().zip(states).map(|((title, _), state)| ScreenTask { title, state }).collect();
        view.buttons = vec![vec![ScreenControl::press(
            READ_PLATES,
            Text::new("Read the incubated plates", "배양한 배지 판독"),
            !self.plates_read && self.plates.iter().all(|p| p.incubated),
        )]];
    }

    fn results_page(&self, view: &mut ScreenView) {
        if !self.plates_read {
            view.lines.push(line(Text::new(
                "No results yet: the plates are read after incubation.",
                "아직 결과가 없습니다. 배양 후 판독합니다.",
            )));
        }
        for (i, plate) in self.plates.iter().enumerate() {
            if plate.verdict == Verdict::Invalid {
                let name = plate.spec.name();
                view.lines.push(message(Text::new(
                    format!("{}: not a valid sample — no result (deviation recorded)", name.en),
                    format!("{}: 유효한 샘플이 아님 — 결과 없음 (일탈 기록됨)", name.ko),
                )));
                continue;
            }
            let Some(cfu) = plate.cfu else {
                continue;
            };
            let limit = match plate.spec.limit() {
                0 => Text::new("no growth", "불검출"),
                limit => Text::new(format!("≤ {limit}"), format!("≤ {limit}")),
            };
            let (state_en, state_ko) = match plate.verdict {
                Verdict::Pending | Verdict::Within => ("within limits", "기준 이내"),
                Verdict::Alert => ("over the alert level", "경고 기준 초과"),
                Verdict::OverLimit => ("OVER THE ACTION LIMIT", "조치 기준 초과"),
                Verdict::Accepted => ("accepted", "승인"),
                Verdict::Excursion => ("excursion open", "일탈 진행 중"),
                Verdict::Closed => ("excursion closed", "일탈 종결"),
                Verdict::Invalid => ("invalid", "무효"),
            };
            let name = plate.spec.name();
            let grade = plate.spec.grade.name();
            let text = Text::new(
                format!("{}: {cfu} CFU, Grade {grade} {} — {state_en}", name.en, limit.en),
                format!("{}: {cfu} CFU, {grade}등급 {} — {state_ko}", name.ko, limit.ko),
            );
            view.lines.push(match plate.verdict {
                Verdict::OverLimit | Verdict::Excursion => alarm(text),
                Verdict::Alert => message(text),
                Verdict::Accepted | Verdict::Closed => good(text),
                _ => line(text),
            });
            let open = matches!(plate.verdict, Verdict::Within | Verdict::Alert | Verdict::OverLimit);
            let over = plate.verdict == Verdict::OverLimit;
            let short = short_name(i);
            view.buttons.push(vec![
                ScreenControl::press(
                    ACCEPT[i],
                    Text::new(format!("Accept {}", short.en), format!("승인 {}", short.ko)),
                    open,
                ),
                ScreenControl::press(
                    EXCURSION[i],
                    Text::new(format!("Excursion {}", short.en), format!("일탈 {}", short.ko)),
                    over,
                ),
            ]);
        }
        if self.plates_read {
            view.buttons.push(vec![ScreenControl::press(
                REVIEW_DONE,
                Text::new("Review complete", "검토 완료"),
                !self.review_complete,
            )]);
        }
        if self.review_complete {
            view.lines.push(good(Text::new("Review complete", "검토 완료")));
        }
    }

    fn excursion_page(&self, view: &mut ScreenView) {
        let Some(excursion) = self.current_excursion() else {
            let closed = self.excursions.iter().filter(|e| e.closed()).count();
            view.lines.push(line(Text::new(
                format!("No excursion open ({closed} closed). Open one from a result over its limit."),
                format!("열린 일탈 없음 (종결 {closed}건). 기준을 넘은 결과에서 여십시오."),
            )));
            return;
        };
        let plate = &self.plates[excursion.plate];
        let name = plate.spec.name();
        let cfu = plate.cfu.unwrap_or(0);
        view.lines.push(alarm(Text::new(
            format!("{}: {cfu} CFU, Grade {}", name.en, plate.spec.grade.name()),
            format!("{}: {cfu} CFU, {}등급", name.ko, plate.spec.grade.name()),
        )));
        if let Some(isolate) = excursion.identified {
            view.lines.push(line(Text::new(format!("Isolate: {isolate}"), format!("분리균: {isolate}"))));
        }
        if let Some(cause) = excursion.root_cause {
            let cause = cause.name();
            view.lines.push(line(Text::new(format!("Root cause: {}", cause.en), format!("근본 원인: {}", cause.ko))));
        }
        let states: Vec<TaskState> =
            TaskState::in_order(Stage::ALL.iter().map(|stage| excursion.done.contains(stage))).collect();
        view.tasks =
            Stage::ALL.iter().zip(states).map(|(stage, state)| ScreenTask { title: stage.name(), state }).collect();
        let next = excursion.next();
        let button = |control: &str, stage: Stage, en: &str, ko: &str| {
            ScreenControl::press(control, Text::new(en, ko), next == Some(stage))
        };
        view.buttons = vec![
            vec![
                button(EXC_DEVIATION, Stage::Deviation, "Deviation", "일탈 기록"),
                button(EXC_NOTIFY_QA, Stage::NotifyQa, "Notify QA", "QA 통보"),
                button(EXC_IDENTIFY, Stage::Identify, "Identify", "동정"),
            ],
            vec![button(EXC_IMPACT, Stage::Impact, "Impact on batch", "배치 영향")],
            RootCause::ALL
                .iter()
                .map(|cause| ScreenControl {
                    action: Action::Set { control: EXC_ROOT_CAUSE.into(), value: Value::Choice(cause.id().into()) },
                    caption: cause.name(),
                    enabled: next == Some(Stage::RootCause),
                    selected: excursion.root_cause == Some(*cause),
                })
                .collect(),
            vec![
                button(EXC_CAPA, Stage::Capa, "CAPA", "CAPA"),
                button(EXC_FOLLOW_UP, Stage::FollowUp, "Follow-up", "추적 모니터링"),
                button(EXC_CLOSE, Stage::Close, "Close", "종결"),
            ],
        ];
    }
}

/// A plate's short name for a button.
fn short_name(i: usize) -> Text {
    match i {
        0 => Text::new("settle A", "낙하균 A"),
        1 => Text::new("settle B", "낙하균 B"),
        2 => Text::new("contact A", "접촉 A"),
        3 => Text::new("glove L", "장갑 왼손"),
        _ => Text::new("glove R", "장갑 오른손"),
    }
}
