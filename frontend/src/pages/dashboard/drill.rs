//! The units behind an indicator card: every unit of the boards with its period result, its
//! annual target and the gap between them (units below target first), and the status with
//! the year-to-date actual and milestone it was computed from.

use crate::api::ops::dashboard::{IndicatorResultIndicator, ScoreRow};
use crate::components::{StatusBadge, with_current_query};
use crate::format::format_value;
use crate::i18n::{Key, fill};
use crate::state::{tr, use_session};
use crate::status_why::gap_text;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::{Direction, IndicatorKind, TrackStatus};
use std::cmp::Ordering;

/// One unit's line of the drill-down.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitGap {
    pub unit_id: String,
    pub unit_name: String,
    pub value: Option<f64>,
    pub target: Option<f64>,
    /// `value − target` (percentage points for a rate); none without either.
    pub gap: Option<f64>,
    pub ytd: Option<f64>,
    pub milestone: Option<f64>,
    pub status: TrackStatus,
}

/// The units of `rows` for indicator `code`, sorted by gap: the furthest below target
/// first (for a lower-is-better indicator, the furthest above), units without a gap last,
/// ties by name.
pub fn by_gap(rows: &[ScoreRow], code: &str, lower_is_better: bool) -> Vec<UnitGap> {
    let mut list: Vec<UnitGap> = rows
        .iter()
        .filter_map(|row| {
            let r = row.results.iter().find(|r| r.indicator.code == code)?;
            Some(UnitGap {
                unit_id: row.unit.id.clone(),
                unit_name: row.unit.name.clone(),
                value: r.value,
                target: r.target,
                gap: r.value.zip(r.target).map(|(v, t)| v - t),
                ytd: r.ytd_value,
                milestone: r.milestone,
                status: r.status,
            })
        })
        .collect();
    sort_by_gap(&mut list, lower_is_better);
    list
}

/// Sorts `list` worst gap first (see [`by_gap`]).
pub fn sort_by_gap(list: &mut [UnitGap], lower_is_better: bool) {
    let badness = |g: f64| if lower_is_better { -g } else { g };
    list.sort_by(|a, b| {
        let by_gap = match (a.gap, b.gap) {
            (Some(x), Some(y)) => badness(x)
                .partial_cmp(&badness(y))
                .unwrap_or(Ordering::Equal),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        by_gap.then_with(|| a.unit_name.cmp(&b.unit_name))
    });
}

/// The drill-down panel of `indicator` over the units of `rows`.
#[component]
pub(super) fn DrillDown(
    indicator: IndicatorResultIndicator,
    rows: Vec<ScoreRow>,
    on_close: Callback<()>,
) -> impl IntoView {
    let s = use_session();
    let is_rate = indicator.kind == IndicatorKind::Rate;
    let lower = indicator.direction == Direction::LowerIsBetter;
    let list = by_gap(&rows, &indicator.code, lower);
    let name = indicator.name.clone();
    let heading = NodeRef::<leptos::html::H2>::new();
    // Opened from a card: bring the panel into view and put the reader on its heading.
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            h.scroll_into_view();
            let _ = h.focus();
        }
    });
    view! {
        <section class="panel drill" id="drill-down" data-testid="drill-down" data-code=indicator.code.clone()
            aria-labelledby="drill-title">
            <div class="drill-head">
                <h2 id="drill-title" tabindex="-1" node_ref=heading>{move || fill(s.t(Key::DrillTitle), &[&name])}</h2>
                <button type="button" class="btn" data-testid="drill-close" on:click=move |_| on_close.run(())>
                    {tr(Key::DrillClose)}
                </button>
            </div>
            <p class="muted">{tr(Key::DrillHint)}</p>
            <div class="table-wrap">
                <table class="table drill-table">
                    <thead>
                        <tr>
                            <th scope="col" class="num">"#"</th>
                            <th scope="col">{tr(Key::Unit)}</th>
                            <th scope="col" class="num">{tr(Key::ColResult)}</th>
                            <th scope="col" class="num">{tr(Key::Target)}</th>
                            <th scope="col" class="num">{tr(Key::ColGap)}</th>
                            <th scope="col">{tr(Key::ColStatusBasis)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {list.into_iter().enumerate().map(|(i, u)| {
                            let href = with_current_query(&format!("/units/{}", u.unit_id));
                            let below = u.gap.is_some_and(|g| if lower { g > 0.0 } else { g < 0.0 });
                            let basis = format!(
                                "{} / {}",
                                format_value(u.ytd, is_rate),
                                format_value(u.milestone, is_rate)
                            );
                            view! {
                                <tr data-testid=format!("drill-row-{}", u.unit_id) class:below=below
                                    data-gap=u.gap.map(|g| g.to_string()).unwrap_or_default()>
                                    <td class="num">{i + 1}</td>
                                    <td><A href=href attr:data-testid="drill-unit-link">{u.unit_name.clone()}</A></td>
                                    <td class="num">{format_value(u.value, is_rate)}</td>
                                    <td class="num">{format_value(u.target, is_rate)}</td>
                                    <td class="num gap-cell"><strong>{move || gap_text(s.lang.get(), u.gap, is_rate)}</strong></td>
                                    <td class="drill-status"><StatusBadge status=u.status short=true/>" "
                                        <span class="muted">{basis}</span></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, gap: Option<f64>) -> UnitGap {
        UnitGap {
            unit_id: name.to_owned(),
            unit_name: name.to_owned(),
            value: None,
            target: None,
            gap,
            ytd: None,
            milestone: None,
            status: TrackStatus::NoData,
        }
    }

    fn names(list: &[UnitGap]) -> Vec<&str> {
        list.iter().map(|u| u.unit_name.as_str()).collect()
    }

    #[test]
    fn the_furthest_below_target_comes_first_and_units_without_a_gap_last() {
        let mut list = vec![
            unit("Xã B", Some(3.0)),
            unit("Xã A", None),
            unit("Xã C", Some(-12.5)),
            unit("Xã D", Some(-0.2)),
            unit("Sở E", Some(-12.5)),
        ];
        sort_by_gap(&mut list, false);
        assert_eq!(names(&list), ["Sở E", "Xã C", "Xã D", "Xã B", "Xã A"]);
    }

    #[test]
    fn lower_is_better_puts_the_furthest_above_target_first() {
        let mut list = vec![unit("A", Some(-5.0)), unit("B", Some(4.0)), unit("C", None)];
        sort_by_gap(&mut list, true);
        assert_eq!(names(&list), ["B", "A", "C"]);
    }

    #[test]
    fn the_gap_is_the_result_minus_the_target_from_the_boards() {
        let rows: Vec<ScoreRow> = serde_json::from_str(
            r#"[{"rank":1,"score":90.0,"earned":9.0,"available":10.0,"mergedOn":null,
                 "previousRank":null,"previousScore":null,"timelinessRate":null,
                 "unit":{"id":"7","name":"Xã An Phú","kind":"COMMUNE"},"groups":[],
                 "results":[{"indicator":{"code":"R"},"value":81.8,"target":85.0,
                             "milestone":80.0,"ytdValue":85.79,"status":"ON_TRACK"}]},
                {"rank":2,"score":80.0,"earned":8.0,"available":10.0,"mergedOn":null,
                 "previousRank":null,"previousScore":null,"timelinessRate":null,
                 "unit":{"id":"8","name":"Xã Bình","kind":"COMMUNE"},"groups":[],
                 "results":[{"indicator":{"code":"R"},"value":70.0,"target":80.0,
                             "milestone":80.0,"ytdValue":70.0,"status":"OFF_TRACK"}]}]"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let list = by_gap(&rows, "R", false);
        assert_eq!(names(&list), ["Xã Bình", "Xã An Phú"]);
        assert_eq!(list[0].gap, Some(-10.0));
        assert!((list[1].gap.unwrap_or_default() + 3.2).abs() < 1e-9);
        assert_eq!(list[1].ytd, Some(85.79));
        assert!(by_gap(&rows, "OTHER", false).is_empty());
    }
}
