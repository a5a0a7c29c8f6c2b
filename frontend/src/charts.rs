//! Small SVG charts drawn by the app itself, readable without hovering: every bar and
//! point carries its value as text, series are told apart by letters, line styles and
//! marker shapes as well as colour. The geometry helpers are pure and tested on the host.

use crate::follow::{ChartMarker, MarkerKind, short_label};
use crate::format::{format_number, format_value};
use crate::i18n::{Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;

/// A value written short for a chart label: one decimal for rates, whole counts.
pub fn short_value(value: Option<f64>, is_rate: bool) -> String {
    match value {
        None => "–".to_owned(),
        Some(v) if is_rate => format_number(v, 1),
        Some(v) => format_number(v, 0),
    }
}

/// The top of a chart's scale: 100 for rates up to 100 %, otherwise the largest value
/// rounded up to a round number (at least 1).
pub fn scale_max(values: impl IntoIterator<Item = f64>, is_rate: bool) -> f64 {
    let max = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    if is_rate && max <= 100.0 {
        return 100.0;
    }
    if max <= 0.0 {
        return 1.0;
    }
    let step = 10f64.powi(max.log10().floor() as i32);
    (max / step).ceil() * step
}

/// The letter that names series `i` in a chart (A, B, C …).
pub fn series_letter(i: usize) -> char {
    char::from(b'A' + (i % 26) as u8)
}

/// One series of a bar chart: an indicator and its values for months 1, 2, …, with what
/// they are measured against: the annual target, the milestone in force each month and the
/// same month of last year.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BarSeries {
    pub code: String,
    pub name: String,
    pub values: Vec<Option<f64>>,
    pub target: Option<f64>,
    pub milestones: Vec<Option<f64>>,
    pub last_year: Vec<Option<f64>>,
}

/// An SVG path through `points` (x, value): `M` at the first point and after every gap,
/// `L` between known neighbours; `y` maps a value to its height.
pub fn line_path(points: &[(f64, Option<f64>)], y: impl Fn(f64) -> f64) -> String {
    let mut path = String::new();
    let mut joined = false;
    for (x, v) in points {
        match v {
            Some(v) => {
                let cmd = if joined { 'L' } else { 'M' };
                if !path.is_empty() {
                    path.push(' ');
                }
                path.push_str(&format!("{cmd}{:.1},{:.1}", x, y(*v)));
                joined = true;
            }
            None => joined = false,
        }
    }
    path
}

/// The path of a sparkline `width` × `height` over `values` (one per month, evenly spread),
/// on a scale from 0 to `max`.
pub fn sparkline_path(values: &[Option<f64>], max: f64, width: f64, height: f64) -> String {
    let n = values.len();
    let step = if n > 1 { width / (n - 1) as f64 } else { 0.0 };
    let points: Vec<(f64, Option<f64>)> = values
        .iter()
        .enumerate()
        .map(|(i, v)| (if n > 1 { i as f64 * step } else { width / 2.0 }, *v))
        .collect();
    let max = if max > 0.0 { max } else { 1.0 };
    line_path(&points, |v| height - (v.clamp(0.0, max) / max) * height)
}

const SPARK_W: f64 = 120.0;
const SPARK_H: f64 = 28.0;

/// A small line of monthly values with the annual target as a dashed line, named for screen
/// readers by its values.
#[component]
pub fn Sparkline(
    /// Values of months 1, 2, …
    values: Vec<Option<f64>>,
    target: Option<f64>,
    is_rate: bool,
    testid: String,
) -> impl IntoView {
    let s = use_session();
    let max = scale_max(values.iter().flatten().copied().chain(target), is_rate);
    let y = move |v: f64| 2.0 + SPARK_H - (v.clamp(0.0, max) / max) * SPARK_H;
    // The path is drawn 2 px down so that a line at the top keeps its stroke.
    let path = sparkline_path(&values, max, SPARK_W, SPARK_H);
    let last = values
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, v)| v.map(|v| (i, v)));
    let n = values.len();
    let x_of = move |i: usize| {
        if n > 1 {
            i as f64 * SPARK_W / (n - 1) as f64
        } else {
            SPARK_W / 2.0
        }
    };
    let words = values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("T{} {}", i + 1, short_value(*v, is_rate)))
        .collect::<Vec<_>>()
        .join(", ");
    let label = move || fill(s.t(Key::TrendOf), &[&words]);
    let title = label.clone();
    let data = values
        .iter()
        .map(|v| v.map(|v| v.to_string()).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(";");
    view! {
        <svg class="sparkline" role="img" width=SPARK_W + 8.0 height=SPARK_H + 4.0
            viewBox=format!("-4 0 {} {}", SPARK_W + 8.0, SPARK_H + 4.0)
            aria-label=label data-testid=testid data-values=data>
            <title>{title}</title>
            {target.map(|t| view! {
                <line class="spark-target" x1=0.0 y1=y(t) x2=SPARK_W y2=y(t) data-value=t.to_string()></line>
            })}
            <path class="spark-line" d=path transform="translate(0 2)"></path>
            {last.map(|(i, v)| view! { <circle class="spark-dot" cx=x_of(i) cy=y(v) r=2.5></circle> })}
        </svg>
    }
}

const BAR_W: f64 = 25.0;
const CLUSTER_GAP: f64 = 12.0;
const LEFT: f64 = 40.0;
const TOP: f64 = 18.0;
const PLOT_H: f64 = 140.0;

/// Grouped bars: one cluster per month, one bar per series, the value above each bar and
/// the series letter below it.
#[component]
pub fn BarChart(
    title: String,
    testid: String,
    months: u32,
    series: Vec<BarSeries>,
    is_rate: bool,
    /// The year the series' `last_year` values belong to.
    #[prop(optional)]
    last_year: Option<i32>,
) -> impl IntoView {
    let s = use_session();
    let svg_title = title.clone();
    let n = series.len().max(1) as f64;
    let cluster = n * BAR_W + CLUSTER_GAP;
    // Room on the right for the targets' labels.
    let width = LEFT + f64::from(months) * cluster + 64.0;
    let height = TOP + PLOT_H + 36.0;
    let max = scale_max(
        series.iter().flat_map(|x| {
            x.values
                .iter()
                .chain(&x.milestones)
                .chain(&x.last_year)
                .flatten()
                .copied()
                .chain(x.target)
        }),
        is_rate,
    );
    let y = move |v: f64| TOP + PLOT_H - (v.max(0.0) / max) * PLOT_H;
    let base = TOP + PLOT_H;
    let ticks = [0.0, max / 2.0, max];
    let aria_title = title.clone();
    let legend = series.clone();
    let bar_x = move |k: u32, i: usize| {
        LEFT + f64::from(k - 1) * cluster + CLUSTER_GAP / 2.0 + i as f64 * BAR_W
    };
    let plot_end = LEFT + f64::from(months) * cluster;
    // One dashed line per distinct annual target, labelled with the letters of its series.
    let mut targets: Vec<(f64, String, String)> = Vec::new();
    for (i, ser) in series.iter().enumerate() {
        if let Some(t) = ser.target {
            match targets.iter_mut().find(|(v, _, _)| (*v - t).abs() < 1e-9) {
                Some((_, letters, codes)) => {
                    letters.push(series_letter(i));
                    codes.push(' ');
                    codes.push_str(&ser.code);
                }
                None => targets.push((t, series_letter(i).to_string(), ser.code.clone())),
            }
        }
    }
    let has_targets = !targets.is_empty();
    let target_lines = targets
        .into_iter()
        .map(|(t, letters, codes)| {
            view! {
                <g data-testid="target-line" data-codes=codes data-value=t.to_string()>
                    <line class="chart-target" x1=LEFT y1=y(t) x2=plot_end y2=y(t)></line>
                    <text class="chart-axis chart-target-label" x=plot_end + 3.0 y=y(t) + 3.0>
                        {format!("{letters} {}", short_value(Some(t), is_rate))}
                    </text>
                </g>
            }
        })
        .collect_view();
    let has_milestones = series
        .iter()
        .any(|x| x.milestones.iter().any(Option::is_some));
    let milestone_ticks = series
        .iter()
        .enumerate()
        .flat_map(|(i, ser)| {
            ser.milestones
                .iter()
                .take(months as usize)
                .enumerate()
                .filter_map(move |(m, v)| v.map(|v| (i, ser.code.clone(), m as u32 + 1, v)))
        })
        .map(|(i, code, k, v)| {
            let x = bar_x(k, i);
            view! {
                <line class="chart-milestone-tick" data-testid=format!("milestone-{code}-{k}") data-value=v.to_string()
                    x1=x y1=y(v) x2=x + BAR_W y2=y(v)></line>
            }
        })
        .collect_view();
    let has_last_year = series
        .iter()
        .any(|x| x.last_year.iter().any(Option::is_some));
    let last_year_lines = series
        .iter()
        .enumerate()
        .filter(|(_, ser)| ser.last_year.iter().any(Option::is_some))
        .map(|(i, ser)| {
            let points: Vec<(f64, Option<f64>)> = (1..=months)
                .map(|k| {
                    let v = ser.last_year.get(k as usize - 1).copied().flatten();
                    (bar_x(k, i) + BAR_W / 2.0, v)
                })
                .collect();
            let data = points
                .iter()
                .map(|(_, v)| v.map(|v| v.to_string()).unwrap_or_default())
                .collect::<Vec<_>>()
                .join(";");
            let marks = points
                .iter()
                .filter_map(|(x, v)| v.map(|v| (*x, v)))
                .map(|(x, v)| view! {
                    <rect class="chart-last-year-mark" x=x - 2.5 y=y(v) - 2.5 width=5.0 height=5.0
                        transform=format!("rotate(45 {x} {})", y(v))></rect>
                })
                .collect_view();
            view! {
                <g data-testid=format!("last-year-{}", ser.code) data-values=data>
                    <path class=format!("chart-last-year series-stroke-{}", i % 4) d=line_path(&points, y)></path>
                    {marks}
                </g>
            }
        })
        .collect_view();
    let bars = (1..=months)
        .flat_map(|k| {
            series.iter().enumerate().map(move |(i, ser)| {
                let v = ser.values.get(k as usize - 1).copied().flatten();
                (k, i, ser.code.clone(), v)
            })
        })
        .map(|(k, i, code, v)| {
            let x = bar_x(k, i);
            let top = v.map_or(base, y);
            let label = short_value(v, is_rate);
            view! {
                <g data-testid=format!("bar-{code}-{k}") data-value=v.map(|v| v.to_string()).unwrap_or_default()>
                    <rect class=format!("bar series-{}", i % 4) x=x + 2.0 y=top
                        width=BAR_W - 4.0 height=(base - top).max(0.0)></rect>
                    <text class="chart-value" x=x + BAR_W / 2.0 y=top - 4.0 text-anchor="middle">{label}</text>
                    <text class="chart-key" x=x + BAR_W / 2.0 y=base + 12.0 text-anchor="middle">{series_letter(i).to_string()}</text>
                </g>
            }
        })
        .collect_view();
    let month_labels = (1..=months)
        .map(|k| {
            let x = LEFT + f64::from(k - 1) * cluster + cluster / 2.0;
            view! {
                <text class="chart-axis" x=x y=base + 28.0 text-anchor="middle">
                    {move || fill(s.t(Key::MonthShort), &[&k.to_string()])}
                </text>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid=testid>
            <figcaption><strong>{title}</strong></figcaption>
            <div class="chart-scroll" tabindex="0">
                <svg class="chart-svg" role="img" width=width height=height
                    viewBox=format!("0 0 {width} {height}")
                    aria-label=move || fill(s.t(Key::ChartOf), &[&aria_title])>
                    <title>{move || fill(s.t(Key::ChartOf), &[&svg_title])}</title>
                    {ticks.into_iter().map(|t| view! {
                        <line class="chart-grid" x1=LEFT y1=y(t) x2=plot_end y2=y(t)></line>
                        <text class="chart-axis" x=LEFT - 4.0 y=y(t) + 3.0 text-anchor="end">{short_value(Some(t), false)}</text>
                    }).collect_view()}
                    {bars}
                    {milestone_ticks}
                    {last_year_lines}
                    {target_lines}
                    {month_labels}
                </svg>
            </div>
            <ul class="chart-legend">
                {legend.into_iter().enumerate().map(|(i, ser)| view! {
                    <li>
                        <span class=format!("swatch series-{}", i % 4) aria-hidden="true"></span>
                        <strong>{series_letter(i).to_string()}</strong>" = "{ser.name}
                    </li>
                }).collect_view()}
                {has_targets.then(|| view! {
                    <li><span class="line-swatch dotted" aria-hidden="true">"···"</span>" "{tr(Key::Target)}</li>
                })}
                {has_milestones.then(|| view! {
                    <li><span class="line-swatch tick" aria-hidden="true">"▬"</span>" "{tr(Key::ChartMilestoneYtd)}</li>
                })}
                {(has_last_year && last_year.is_some()).then(|| view! {
                    <li data-testid="legend-last-year"><span class="line-swatch last-year" aria-hidden="true">"—◇—"</span>" "
                        {move || fill(s.t(Key::ChartLastYear), &[&last_year.unwrap_or_default().to_string()])}</li>
                })}
            </ul>
        </figure>
    }
}

const LINE_STEP: f64 = 56.0;
const LINE_PLOT_H: f64 = 150.0;
/// The height of one line of marker labels above a line chart.
const MARKER_LINE: f64 = 13.0;

/// A year on 12 months: the year-to-date actual (solid line, round markers, value above)
/// against the roadmap milestones (dashed line, square markers, value below) and the annual
/// target (dotted line, labelled).
#[component]
pub fn LineChart(
    title: String,
    testid: String,
    /// Actual values for months 1, 2, … (as far as known).
    actual: Vec<Option<f64>>,
    /// (month, value) of the milestones, in month order.
    milestones: Vec<(u32, f64)>,
    target: Option<f64>,
    is_rate: bool,
    /// Events on the line (an explanation asked, actions done): a vertical mark at their
    /// month, labelled above the plot, stacked when several share a month.
    #[prop(optional)]
    markers: Vec<ChartMarker>,
) -> impl IntoView {
    let s = use_session();
    let plot_end = LEFT + 12.0 * LINE_STEP;
    let width = plot_end + 64.0;
    // Room above the plot for the markers' labels, one line each.
    let marker_rows = markers.iter().map(|m| m.row + 1).max().unwrap_or(0);
    let top = TOP + f64::from(marker_rows) * MARKER_LINE;
    let height = top + LINE_PLOT_H + 30.0;
    let base = top + LINE_PLOT_H;
    let max = scale_max(
        actual
            .iter()
            .flatten()
            .copied()
            .chain(milestones.iter().map(|m| m.1))
            .chain(target),
        is_rate,
    );
    let y = move |v: f64| top + LINE_PLOT_H - (v.max(0.0) / max) * LINE_PLOT_H;
    let x = |k: u32| LEFT + (f64::from(k) - 0.5) * LINE_STEP;
    let has_markers = !markers.is_empty();
    let marker_view = markers
        .iter()
        .map(|m| {
            let cx = x(m.month);
            let label_y = TOP + f64::from(m.row) * MARKER_LINE;
            let (class, shape) = match m.kind {
                MarkerKind::Asked => ("chart-marker marker-asked", "▲"),
                MarkerKind::ActionDone => ("chart-marker marker-done", "◆"),
            };
            let testid = match m.kind {
                MarkerKind::Asked => format!("marker-asked-{}", m.month),
                MarkerKind::ActionDone => format!("marker-done-{}", m.month),
            };
            // Late in the year a label reads leftwards, so that it stays inside the chart.
            let (label_x, anchor) = if m.month >= 10 {
                (cx - 3.0, "end")
            } else {
                (cx + 3.0, "start")
            };
            view! {
                <g class=class data-testid=testid>
                    <line class="chart-marker-line" x1=cx y1=label_y + 2.0 x2=cx y2=base></line>
                    <text class="chart-marker-label" x=label_x y=label_y text-anchor=anchor>
                        {format!("{shape} {}", short_label(&m.label, 22))}
                        <title>{m.label.clone()}</title>
                    </text>
                </g>
            }
        })
        .collect_view();
    let ticks = [0.0, max / 2.0, max];
    let aria_title = title.clone();
    let actual_pts: Vec<(u32, f64)> = actual
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i as u32 + 1, v)))
        .collect();
    let points = |ps: &[(u32, f64)]| {
        ps.iter()
            .map(|(k, v)| format!("{},{}", x(*k), y(*v)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let actual_line = points(&actual_pts);
    let milestone_line = points(&milestones);
    let no_actual = actual_pts.is_empty();
    view! {
        <figure class="chart" data-testid=testid>
            <figcaption><strong>{title}</strong></figcaption>
            <div class="chart-scroll" tabindex="0">
                <svg class="chart-svg" role="img" width=width height=height
                    viewBox=format!("0 0 {width} {height}")
                    aria-label=move || fill(s.t(Key::ChartOf), &[&aria_title])>
                    {ticks.into_iter().map(|t| view! {
                        <line class="chart-grid" x1=LEFT y1=y(t) x2=plot_end y2=y(t)></line>
                        <text class="chart-axis" x=LEFT - 4.0 y=y(t) + 3.0 text-anchor="end">{short_value(Some(t), false)}</text>
                    }).collect_view()}
                    {target.map(|t| view! {
                        <line class="chart-target" x1=LEFT y1=y(t) x2=plot_end y2=y(t)></line>
                        <text class="chart-axis chart-target-label" x=plot_end + 4.0 y=y(t) + 4.0>{short_value(Some(t), is_rate)}</text>
                    })}
                    {marker_view}
                    <polyline class="chart-milestone-line" points=milestone_line></polyline>
                    <polyline class="chart-actual-line" points=actual_line></polyline>
                    {milestones.iter().map(|(k, v)| {
                        let (cx, cy) = (x(*k), y(*v));
                        view! {
                            <g data-testid=format!("milestone-point-{k}") data-value=v.to_string()>
                                <rect class="chart-milestone-mark" x=cx - 4.0 y=cy - 4.0 width=8.0 height=8.0></rect>
                                <text class="chart-value chart-value-ms" x=cx y=cy + 16.0 text-anchor="middle">{short_value(Some(*v), is_rate)}</text>
                            </g>
                        }
                    }).collect_view()}
                    {actual_pts.iter().map(|(k, v)| {
                        let (cx, cy) = (x(*k), y(*v));
                        view! {
                            <g data-testid=format!("ytd-point-{k}") data-value=v.to_string()>
                                <circle class="chart-actual-mark" cx=cx cy=cy r=4.0></circle>
                                <text class="chart-value" x=cx y=cy - 8.0 text-anchor="middle">{short_value(Some(*v), is_rate)}</text>
                            </g>
                        }
                    }).collect_view()}
                    {(1..=12u32).map(|k| view! {
                        <text class="chart-axis" x=x(k) y=base + 18.0 text-anchor="middle">
                            {move || fill(s.t(Key::MonthShort), &[&k.to_string()])}
                        </text>
                    }).collect_view()}
                </svg>
            </div>
            <ul class="chart-legend">
                <li><span class="line-swatch solid" aria-hidden="true">"—●—"</span>" "{tr(Key::ChartActualYtd)}
                    {no_actual.then(|| view! { " ("{tr(Key::NoData)}")" })}</li>
                <li><span class="line-swatch dashed" aria-hidden="true">"- ■ -"</span>" "{tr(Key::Milestone)}
                    {milestones.is_empty().then(|| view! { " ("{tr(Key::NoMilestones)}")" })}</li>
                {has_markers.then(|| view! {
                    <li><span class="marker-asked" aria-hidden="true">"▲"</span>" "{tr(Key::MarkerAsked)}</li>
                    <li><span class="marker-done" aria-hidden="true">"◆"</span>" "{tr(Key::MarkerActionDone)}</li>
                })}
                {target.map(|t| view! {
                    <li data-testid="chart-target"><span class="line-swatch dotted" aria-hidden="true">"···"</span>" "{tr(Key::Target)}": "
                        <strong>{format_value(Some(t), is_rate)}</strong></li>
                })}
            </ul>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_scale_to_100_and_counts_to_a_round_number() {
        assert_eq!(scale_max([12.0, 80.0], true), 100.0);
        assert_eq!(scale_max([], true), 100.0);
        assert_eq!(scale_max([], false), 1.0);
        assert_eq!(scale_max([3.0, 47.0], false), 50.0);
        assert_eq!(scale_max([1234.0], false), 2000.0);
    }

    #[test]
    fn a_line_breaks_at_months_without_a_value() {
        let y = |v: f64| 100.0 - v;
        let pts = [
            (0.0, Some(10.0)),
            (10.0, Some(20.0)),
            (20.0, None),
            (30.0, Some(40.0)),
        ];
        assert_eq!(line_path(&pts, y), "M0.0,90.0 L10.0,80.0 M30.0,60.0");
        assert_eq!(line_path(&[(0.0, None)], y), "");
    }

    #[test]
    fn a_sparkline_spreads_the_months_over_its_width_and_scales_to_its_top() {
        let path = sparkline_path(&[Some(0.0), Some(50.0), Some(100.0)], 100.0, 120.0, 28.0);
        assert_eq!(path, "M0.0,28.0 L60.0,14.0 L120.0,0.0");
        // One month sits in the middle; values above the scale stay inside.
        assert_eq!(
            sparkline_path(&[Some(150.0)], 100.0, 120.0, 28.0),
            "M60.0,0.0"
        );
        assert_eq!(sparkline_path(&[None, None], 100.0, 120.0, 28.0), "");
    }

    #[test]
    fn labels_are_short_and_letters_follow_the_series() {
        assert_eq!(short_value(Some(82.04), true), "82,0");
        assert_eq!(short_value(Some(1234.0), false), "1.234");
        assert_eq!(short_value(None, true), "–");
        assert_eq!(series_letter(0), 'A');
        assert_eq!(series_letter(2), 'C');
    }
}
