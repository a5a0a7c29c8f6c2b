//! The notice's chart, as vector shapes: one horizontal bar per rate indicator of the unit,
//! its result from 0 to 100 %, coloured by its status, with its annual target (a dark mark)
//! and its milestone in force (a blue mark), a scale and a legend.

use super::layout::{Align, BLACK, GRID, Measure, Op, Rgb, Style, WIDTH, text_op, wrap};
use super::{percent, status_color};
use crate::domain::notice::IndicatorLine;
use shared::{IndicatorKind, TrackStatus};

const LABEL_W: f32 = 170.0;
const BAR_H: f32 = 7.5;
const ROW_GAP: f32 = 3.5;
const LABEL: Style = Style::regular(7.5);
const TARGET: Rgb = (30, 30, 30);
const MILESTONE: Rgb = (30, 90, 200);
/// Space for the value written after the bar.
const VALUE_W: f32 = 40.0;

/// The rate indicators the chart shows: those with a target, or with a result when none
/// has a target (a unit without targets still sees its rates).
pub fn bars(lines: &[IndicatorLine]) -> Vec<&IndicatorLine> {
    let rates = lines.iter().filter(|l| l.kind == IndicatorKind::Rate);
    let targeted: Vec<&IndicatorLine> = rates.clone().filter(|l| l.target.is_some()).collect();
    if targeted.is_empty() {
        rates.filter(|l| l.value.is_some()).collect()
    } else {
        targeted
    }
}

fn row_height(_m: &impl Measure, _line: &IndicatorLine) -> f32 {
    LABEL.leading().max(BAR_H) + ROW_GAP
}

/// The label on one line, cut with an ellipsis when too long.
fn label(m: &impl Measure, name: &str) -> String {
    let lines = wrap(m, name, LABEL, LABEL_W - 14.0);
    match lines.as_slice() {
        [one] => one.clone(),
        [first, ..] => format!("{first}…"),
        [] => String::new(),
    }
}

/// The chart's height: its rows, the scale and the legend.
pub fn height(m: &impl Measure, lines: &[IndicatorLine]) -> f32 {
    bars(lines).iter().map(|l| row_height(m, l)).sum::<f32>() + 34.0
}

/// Draws the chart from its top left corner.
pub fn draw(m: &impl Measure, lines: &[IndicatorLine], (x0, y0): (f32, f32)) -> Vec<Op> {
    let bars = bars(lines);
    let plot_x = x0 + LABEL_W;
    let plot_w = WIDTH - LABEL_W - VALUE_W;
    let at = |v: f64| plot_x + plot_w * (v.clamp(0.0, 100.0) as f32) / 100.0;
    let rows_h: f32 = bars.iter().map(|l| row_height(m, l)).sum();
    let mut ops = Vec::new();
    // The scale: a light line every 25 %, labelled below.
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let x = at(tick);
        ops.push(Op::Line {
            from: (x, y0),
            to: (x, y0 + rows_h),
            width: if tick == 0.0 { 0.8 } else { 0.3 },
            color: GRID,
        });
        let label = format!("{} %", tick as i32);
        ops.push(text_op(
            m,
            &label,
            LABEL,
            (x - 20.0, y0 + rows_h + 9.0),
            40.0,
            Align::Center,
            GRID,
        ));
    }
    let mut y = y0;
    for line in &bars {
        let h = row_height(m, line);
        let mid = y + (h - ROW_GAP) / 2.0;
        let text = label(m, &line.name);
        ops.push(text_op(
            m,
            &text,
            LABEL,
            (x0, mid + 2.6),
            LABEL_W - 6.0,
            Align::Left,
            BLACK,
        ));
        let top = mid - BAR_H / 2.0;
        if let Some(v) = line.value {
            ops.push(Op::Rect {
                x: plot_x,
                y: top,
                w: (at(v) - plot_x).max(0.5),
                h: BAR_H,
                color: status_color(line.status),
            });
        }
        let value = line.value.map_or_else(|| "—".to_owned(), percent);
        let vx = line.value.map_or(plot_x, at) + 3.0;
        ops.push(text_op(
            m,
            &value,
            LABEL,
            (vx, mid + 2.6),
            VALUE_W,
            Align::Left,
            BLACK,
        ));
        for (mark, color, width) in [(line.target, TARGET, 1.6), (line.milestone, MILESTONE, 1.2)] {
            if let Some(v) = mark {
                ops.push(Op::Line {
                    from: (at(v), top - 2.5),
                    to: (at(v), top + BAR_H + 2.5),
                    width,
                    color,
                });
            }
        }
        y += h;
    }
    // The legend.
    let ly = y0 + rows_h + 24.0;
    let mut x = x0;
    let items: [(Rgb, &str, bool); 5] = [
        (status_color(TrackStatus::OnTrack), "Đạt tiến độ", false),
        (status_color(TrackStatus::AtRisk), "Có nguy cơ chậm", false),
        (status_color(TrackStatus::OffTrack), "Chậm tiến độ", false),
        (TARGET, "Chỉ tiêu năm", true),
        (MILESTONE, "Mốc lộ trình", true),
    ];
    for (color, label, mark) in items {
        if mark {
            ops.push(Op::Line {
                from: (x + 3.0, ly - 7.0),
                to: (x + 3.0, ly + 1.0),
                width: 1.6,
                color,
            });
        } else {
            ops.push(Op::Rect {
                x,
                y: ly - 6.5,
                w: 7.0,
                h: 7.0,
                color,
            });
        }
        ops.push(text_op(
            m,
            label,
            LABEL,
            (x + 10.0, ly),
            100.0,
            Align::Left,
            BLACK,
        ));
        x += 10.0 + m.width(label, LABEL) + 12.0;
    }
    ops
}
