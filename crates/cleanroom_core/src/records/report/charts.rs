//! The report's charts, drawn as SVG by plotters (axes, ticks, labels and legends are its own;
//! what is drawn is ours). Each chart is a string of SVG markup for the page to hold inline, so
//! the report needs no script and no file beside it.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use unicode_width::UnicodeWidthStr;

/// The width every chart is drawn at (the page scales it down on a narrow screen).
pub const WIDTH: u32 = 860;
const FONT: &str = "sans-serif";

/// Colours the report uses: each means one thing everywhere.
pub mod colour {
    use plotters::style::RGBColor;
    pub const PASSED: RGBColor = RGBColor(0x2b, 0x8a, 0x3e);
    pub const MINOR: RGBColor = RGBColor(0xe0, 0xa8, 0x00);
    pub const MAJOR: RGBColor = RGBColor(0xe8, 0x59, 0x0c);
    pub const CRITICAL: RGBColor = RGBColor(0xc9, 0x2a, 0x2a);
    pub const TRAINEE: RGBColor = RGBColor(0x19, 0x71, 0xc2);
    pub const COHORT: RGBColor = RGBColor(0x86, 0x8e, 0x96);
    pub const REFERENCE: RGBColor = RGBColor(0x49, 0x50, 0x57);
    /// Lines of several levels on one chart.
    pub const SERIES: [RGBColor; 6] = [
        RGBColor(0x19, 0x71, 0xc2),
        RGBColor(0x9c, 0x36, 0xb5),
        RGBColor(0x0c, 0x85, 0x99),
        RGBColor(0xe8, 0x59, 0x0c),
        RGBColor(0x5c, 0x94, 0x0d),
        RGBColor(0xc2, 0x25, 0x5c),
    ];
}

/// One named set of values, drawn in one colour.
#[derive(Debug, Clone)]
pub struct Series {
    pub name: String,
    pub colour: RGBColor,
}

/// One row of a bar chart: its label and a value per series.
#[derive(Debug, Clone)]
pub struct BarRow {
    pub label: String,
    pub values: Vec<f64>,
    /// Written at the end of the row's bar (a count, a percentage).
    pub note: String,
}

/// How a bar chart's series share a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bars {
    /// One after the other along the row (counts of a whole: deviations by severity).
    Stacked,
    /// Side by side, one thin bar each (a trainee against the cohort).
    Grouped,
}

/// A horizontal bar chart, a row per label, the first row at the top. Its title and legend are
/// the page's (larger than a chart's own, and read by a screen reader).
pub fn bar_chart(
    x_description: &str,
    rows: &[BarRow],
    series: &[Series],
    bars: Bars,
    x_max: Option<f64>,
) -> Result<String, String> {
    // A percentage runs to 100, with room past it for the notes.
    let percent = x_max.is_some_and(|max| max > 100.0);
    let per_row = match bars {
        Bars::Stacked => 30,
        Bars::Grouped => 14 * series.len().max(1) as u32 + 12,
    };
    let height = 64 + per_row * rows.len().max(1) as u32;
    let longest = rows.iter().map(|row| row.label.width()).max().unwrap_or(4);
    let label_area = (longest as u32 * 7 + 20).clamp(80, 330);
    let total = |row: &BarRow| match bars {
        Bars::Stacked => row.values.iter().sum::<f64>(),
        Bars::Grouped => row.values.iter().copied().fold(0.0, f64::max),
    };
    let largest = rows.iter().map(total).fold(0.0, f64::max);
    // Room at the end of the longest bar for its note.
    let x_max = x_max.unwrap_or_else(|| (largest * 1.15).max(1.0));
    let n = rows.len().max(1);
    draw(height, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .margin_right(40)
            .x_label_area_size(40)
            .y_label_area_size(label_area)
            // A discrete range holds its end: rows 0 to n - 1.
            .build_cartesian_2d(0f64..x_max, (0..n - 1).into_segmented())
            .map_err(text)?;
        // Whole numbers only (counts, seconds, percent), and none past a percentage's 100.
        let whole = |value: &f64| {
            let past_100 = percent && *value > 100.0;
            if value.fract().abs() > 1e-9 || past_100 { String::new() } else { format!("{value:.0}") }
        };
        let label_of = |value: &SegmentValue<usize>| match value {
            SegmentValue::CenterOf(i) if *i < rows.len() => rows[rows.len() - 1 - *i].label.clone(),
            _ => String::new(),
        };
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n)
            .y_label_formatter(&label_of)
            .x_labels(8)
            .x_label_formatter(&whole)
            .light_line_style(TRANSPARENT)
            .bold_line_style(RGBColor(0xe9, 0xec, 0xef))
            .x_desc(x_description)
            .label_style((FONT, 14))
            .axis_desc_style((FONT, 14))
            .draw()
            .map_err(text)?;
        let slot = |row: usize| n - 1 - row;
        for (s, one) in series.iter().enumerate() {
            let rectangles = rows.iter().enumerate().map(|(r, row)| {
                let value = row.values.get(s).copied().unwrap_or(0.0);
                let (from, to, margins) = match bars {
                    Bars::Stacked => {
                        let from: f64 = row.values.iter().take(s).sum();
                        (from, from + value, (6, 6))
                    }
                    Bars::Grouped => {
                        let thickness = (per_row - 12) / series.len().max(1) as u32;
                        let top = 6 + thickness * s as u32;
                        (0.0, value, (top, per_row.saturating_sub(top + thickness)))
                    }
                };
                let y = SegmentValue::Exact(slot(r));
                let y_end = SegmentValue::Exact(slot(r) + 1);
                let mut bar = Rectangle::new([(from, y_end), (to, y)], one.colour.filled());
                bar.set_margin(margins.0, margins.1, 0, 0);
                bar
            });
            chart.draw_series(rectangles).map_err(text)?;
        }
        let note_style = (FONT, 13).into_text_style(root).pos(Pos::new(HPos::Left, VPos::Center));
        chart
            .draw_series(rows.iter().enumerate().filter(|(_, row)| !row.note.is_empty()).map(|(r, row)| {
                Text::new(
                    format!(" {}", row.note),
                    (total(row).min(x_max), SegmentValue::CenterOf(slot(r))),
                    note_style.clone(),
                )
            }))
            .map_err(text)?;
        Ok(())
    })
}

/// A line of points: (attempt number from 1, value).
#[derive(Debug, Clone)]
pub struct Line {
    pub series: Series,
    pub points: Vec<(usize, f64)>,
}

/// Values over attempts (a score from 0 to 100), one line per series, with a dashed reference
/// line (the pass score) when given. Its title and legend are the page's.
pub fn line_chart(
    x_description: &str,
    y_description: &str,
    lines: &[Line],
    reference: Option<f64>,
) -> Result<String, String> {
    let longest = lines.iter().flat_map(|line| line.points.iter().map(|p| p.0)).max().unwrap_or(1).max(2);
    draw(320, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .margin_right(24)
            .x_label_area_size(42)
            .y_label_area_size(52)
            .build_cartesian_2d((1..longest).into_segmented(), 0f64..105f64)
            .map_err(text)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(longest.min(20))
            .x_label_formatter(&|value: &SegmentValue<usize>| match value {
                SegmentValue::CenterOf(i) => i.to_string(),
                _ => String::new(),
            })
            .y_labels(6)
            .y_label_formatter(&|value: &f64| if *value > 100.0 { String::new() } else { format!("{value:.0}") })
            .light_line_style(TRANSPARENT)
            .bold_line_style(RGBColor(0xe9, 0xec, 0xef))
            .x_desc(x_description)
            .y_desc(y_description)
            .label_style((FONT, 14))
            .axis_desc_style((FONT, 14))
            .draw()
            .map_err(text)?;
        if let Some(value) = reference {
            chart
                .draw_series(DashedLineSeries::new(
                    [(SegmentValue::Exact(1), value), (SegmentValue::Last, value)],
                    6,
                    4,
                    colour::REFERENCE.stroke_width(1),
                ))
                .map_err(text)?;
        }
        for line in lines {
            let colour = line.series.colour;
            let points: Vec<(SegmentValue<usize>, f64)> =
                line.points.iter().map(|&(n, value)| (SegmentValue::CenterOf(n), value)).collect();
            chart.draw_series(LineSeries::new(points.clone(), colour.stroke_width(2))).map_err(text)?;
            chart.draw_series(points.into_iter().map(|point| Circle::new(point, 4, colour.filled()))).map_err(text)?;
        }
        Ok(())
    })
}

/// A colour as CSS and SVG write it (`#2B8A3E`).
pub fn hex(colour: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", colour.0, colour.1, colour.2)
}

/// Draws a chart `height` high and returns its SVG.
fn draw(
    height: u32,
    paint: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<(), String>,
) -> Result<String, String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(text)?;
        paint(&root)?;
        root.present().map_err(text)?;
    }
    Ok(svg)
}

fn text(error: impl std::fmt::Display) -> String {
    format!("a chart could not be drawn: {error}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_chart_holds_its_labels_notes_and_a_bar_per_value() {
        let rows = vec![
            BarRow { label: "Gowning".into(), values: vec![2.0, 1.0, 0.0], note: "3".into() },
            BarRow { label: "Apheresis <set-up>".into(), values: vec![0.0, 0.0, 1.0], note: "1".into() },
        ];
        let series = [("minor", colour::MINOR), ("major", colour::MAJOR), ("critical", colour::CRITICAL)]
            .map(|(name, colour)| Series { name: name.into(), colour });
        let svg = bar_chart("count", &rows, &series, Bars::Stacked, None).unwrap();
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("Gowning") && svg.contains("count"));
        // A bar per non-zero value (the plot's frame is a rect too).
        let bars = series.iter().filter(|one| svg.contains(&hex(one.colour))).count();
        assert_eq!(bars, 3, "{svg}");
        // Text is escaped, so a label cannot break the page.
        assert!(svg.contains("Apheresis &lt;set-up&gt;"), "{svg}");
    }

    #[test]
    fn a_line_chart_draws_a_point_per_attempt() {
        let line = Line {
            series: Series { name: "Gowning".into(), colour: colour::SERIES[0] },
            points: vec![(1, 40.0), (2, 75.0), (3, 100.0)],
        };
        let svg = line_chart("attempt", "score", &[line], Some(80.0)).unwrap();
        assert_eq!(svg.matches("<circle").count(), 3, "{svg}");
        // The line, and the pass line's dashes.
        assert!(svg.matches("<polyline").count() > 3, "{svg}");
    }
}
