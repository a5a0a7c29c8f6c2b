//! The unit page's staff progress: each person's personal targets against their own
//! figures (status by the unit rules), their score — the head's with the unit's result
//! weighed in —, how many results are behind, their share of the unit's dossiers and the
//! violations recorded against them; the rank within the unit only when an ADMIN switched
//! staff ranking on. Who is behind comes first to the eye: a badge and the row's tint. An
//! officer opens the month's entry of personal figures from here; the personnel office's
//! monthly sheet downloads from here.

use crate::api::gql_read;
use crate::api::ops::UnitStaffProgress;
use crate::api::ops::unit_staff_progress::{self, UnitStaffProgressUnitStaffProgressStaff as Card};
use crate::components::{Col, Empty, ErrorBox, Loading, PeriodSel, StatusBadge, Table};
use crate::download::DownloadButtons;
use crate::format::{format_percent, format_score, format_value};
use crate::i18n::{Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::{IndicatorKind, TrackStatus};

/// The staff progress of a unit for the page's period.
#[component]
pub fn StaffProgressPanel(unit_id: String, period: PeriodSel) -> impl IntoView {
    let s = use_session();
    let id = StoredValue::new(unit_id);
    let data = LocalResource::new(move || async move {
        let vars = unit_staff_progress::Variables {
            unit_id: id.get_value(),
            period: period.into(),
        };
        gql_read::<UnitStaffProgress, unit_staff_progress::ResponseData>(s, vars).await
    });
    let month = period.last_month();
    let may_enter = move || s.me.with(|m| m.as_ref().is_some_and(|m| m.can_report()));
    let entry = format!(
        "/units/{}/staff-figures?year={}&month={month}",
        id.get_value(),
        period.year
    );
    view! {
        <section class="panel" data-testid="staff-progress">
            <div class="panel-head">
                <h2>{tr(Key::StaffProgress)}</h2>
                <div class="page-tools">
                    {move || may_enter().then(|| view! {
                        <A href=entry.clone() attr:class="btn" attr:data-testid="enter-staff-figures">{tr(Key::EnterStaffFigures)}</A>
                    })}
                    <DownloadButtons testid="export-staff" path=Signal::derive(move || {
                        format!("/export/staff?unit={}&year={}&month={month}", id.get_value(), period.year)
                    })/>
                </div>
            </div>
            <p class="muted">{move || fill(s.t(Key::StaffProgressHint), &[&format!("{month:02}/{}", period.year)])}</p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| data.refetch())/> }.into_any(),
                        Ok(d) => {
                            let p = d.unit_staff_progress;
                            if p.staff.is_empty() {
                                return view! { <Empty key=Key::NoStaffProgress/> }.into_any();
                            }
                            let share = p.staff_share_of_unit;
                            let weight = p.head_unit_weight;
                            let ranked = p.ranking_enabled;
                            view! {
                                {share.map(|v| view! {
                                    <p data-testid="staff-share">{move || fill(s.t(Key::StaffShareOfUnit), &[&format_percent(v)])}</p>
                                })}
                                <p class="muted" data-testid="head-weight">{move || fill(s.t(Key::HeadWeightHint), &[&crate::format::format_number(weight, 0)])}</p>
                                <StaffTable cards=p.staff ranked/>
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

/// One row per person.
#[component]
fn StaffTable(cards: Vec<Card>, ranked: bool) -> impl IntoView {
    let s = use_session();
    let mut cols = vec![
        Col::text(Key::FullName),
        Col::text(Key::PersonalResults),
        Col::num(Key::PersonalScore),
        Col::text(Key::Progress),
        Col::num(Key::ShareOfUnit),
        Col::num(Key::ViolationsCount),
    ];
    if ranked {
        cols.push(Col::num(Key::Rank));
    }
    view! {
        <Table testid="staff-progress-table" cols stack=true>
            {cards.into_iter().map(|c| {
                let behind = c.behind;
                let worst = worst_status(&c);
                let row_class = if behind > 0 { "row-behind" } else { "" };
                let head = c.staff.is_head;
                let violation_list = c.violations.iter().map(|v| v.description.clone()).collect::<Vec<_>>().join("; ");
                let score_line = if head {
                    c.unit_score.map(|u| fill(s.t(Key::HeadScoreLine), &[&format_score(c.personal_score), &format_score(Some(u))]))
                } else {
                    None
                };
                view! {
                    <tr class=row_class data-testid=format!("staff-progress-{}", c.staff.id) data-behind=behind.to_string()>
                        <td data-label=move || s.t(Key::FullName)>
                            <strong>{c.staff.full_name.clone()}</strong>
                            {head.then(|| view! { " " <span class="head-mark">{tr(Key::HeadMark)}</span> })}
                            <br/><span class="muted">{c.staff.position.clone()}</span>
                        </td>
                        <td data-label=move || s.t(Key::PersonalResults)>
                            {if c.results.is_empty() {
                                view! { <span class="muted">{tr(Key::NoPersonalTargets)}</span> }.into_any()
                            } else {
                                view! { <ul class="plain-list">
                                    {c.results.into_iter().map(|r| {
                                        let rate = r.indicator.kind == IndicatorKind::Rate;
                                        let name = (r.indicator.name.clone(), r.indicator.name_en.clone());
                                        view! {
                                            <li data-testid=format!("staff-result-{}", r.indicator.code)>
                                                {move || crate::names::shown(s.lang.get(), &name.0, name.1.as_deref())}": "
                                                <strong>{format_value(r.ytd_value, rate)}</strong>
                                                " / " {format_value(Some(r.target), rate)}" "
                                                <StatusBadge status=r.status short=true/>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul> }.into_any()
                            }}
                        </td>
                        <td class="num" data-label=move || s.t(Key::PersonalScore) data-testid="staff-score">
                            {format_score(c.score)}
                            {score_line.map(|l| view! { <br/><span class="muted small">{l}</span> })}
                        </td>
                        <td data-label=move || s.t(Key::Progress) data-testid="staff-behind">
                            {if behind > 0 {
                                view! { <span class="badge st-off"><span aria-hidden="true">"✗ "</span>{move || fill(s.t(Key::BehindCount), &[&behind.to_string()])}</span> }.into_any()
                            } else {
                                view! { <StatusBadge status=worst short=true/> }.into_any()
                            }}
                        </td>
                        <td class="num" data-label=move || s.t(Key::ShareOfUnit)>{c.share_of_unit.map(format_percent).unwrap_or_else(|| "–".into())}</td>
                        <td class="num" data-label=move || s.t(Key::ViolationsCount) title=violation_list>
                            {c.violations.len()}
                        </td>
                        {ranked.then(|| view! { <td class="num" data-label=move || s.t(Key::Rank)>{c.rank.map(|r| r.to_string()).unwrap_or_else(|| "–".into())}</td> })}
                    </tr>
                }
            }).collect_view()}
        </Table>
    }
}

/// The status a person's row shows when nothing is behind: on track when any result is,
/// no data otherwise.
fn worst_status(c: &Card) -> TrackStatus {
    if c.results.iter().any(|r| r.status == TrackStatus::OnTrack) {
        TrackStatus::OnTrack
    } else {
        TrackStatus::NoData
    }
}
