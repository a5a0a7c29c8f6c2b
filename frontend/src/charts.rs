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

/// One series of a bar chart: an indicator and its values for months 1, 2, …
#[derive(Debug, Clone, PartialEq)]
pub struct BarSeries {
    pub code: String,
    pub name: String,
    pub values: Vec<Option<f64>>,
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
) -> impl IntoView {
    let s = use_session();
    let n = series.len().max(1) as f64;
    let cluster = n * BAR_W + CLUSTER_GAP;
    let width = LEFT + f64::from(months) * cluster + 8.0;
    let height = TOP + PLOT_H + 36.0;
    let max = scale_max(
        series
            .iter()
            .flat_map(|x| x.values.iter().flatten().copied()),
        is_rate,
    );
    let y = move |v: f64| TOP + PLOT_H - (v.max(0.0) / max) * PLOT_H;
    let base = TOP + PLOT_H;
    let ticks = [0.0, max / 2.0, max];
    let aria_title = title.clone();
    let legend = series.clone();
    let bars = (1..=months)
        .flat_map(|k| {
            series.iter().enumerate().map(move |(i, ser)| {
                let v = ser.values.get(k as usize - 1).copied().flatten();
                (k, i, ser.code.clone(), v)
            })
        })
        .map(|(k, i, code, v)| {
            let x = LEFT + f64::from(k - 1) * cluster + CLUSTER_GAP / 2.0 + i as f64 * BAR_W;
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
                    {ticks.into_iter().map(|t| view! {
                        <line class="chart-grid" x1=LEFT y1=y(t) x2=width - 4.0 y2=y(t)></line>
                        <text class="chart-axis" x=LEFT - 4.0 y=y(t) + 3.0 text-anchor="end">{short_value(Some(t), false)}</text>
                    }).collect_view()}
                    {bars}
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
    fn labels_are_short_and_letters_follow_the_series() {
        assert_eq!(short_value(Some(82.04), true), "82,0");
        assert_eq!(short_value(Some(1234.0), false), "1.234");
        assert_eq!(short_value(None, true), "–");
        assert_eq!(series_letter(0), 'A');
        assert_eq!(series_letter(2), 'C');
    }
}
