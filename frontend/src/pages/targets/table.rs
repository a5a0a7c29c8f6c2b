//! The table of a decision's targets, with personal targets and the split and assign
//! buttons.

use crate::api::ops::decision_page::{Target as TargetRow, TargetStaffTargets as StaffTargetRow};
use crate::components::{Col, Table, cascade_gap_view};
use crate::format::{format_value, milestone_chips};
use crate::i18n::Key;
use crate::state::tr;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::IndicatorKind;

#[component]
pub(super) fn TargetsTable(
    list: Vec<TargetRow>,
    can_manage: bool,
    splitting: RwSignal<Option<TargetRow>>,
    assigning: RwSignal<Option<TargetRow>>,
) -> impl IntoView {
    let s = crate::state::use_session();
    view! {
        <Table testid="targets-table" cols={ let mut c = vec![Col::text(Key::Unit), Col::text(Key::Indicator), Col::num(Key::Target), Col::num(Key::Baseline), Col::text(Key::Milestones), Col::num(Key::CascadeGap), Col::text(Key::Responsible), Col::text(Key::StaffTargets)]; if can_manage { c.push(Col::actions()); } c }>
                    {list.into_iter().map(|t| {
                        let is_rate = t.indicator.kind == IndicatorKind::Rate;
                        let chips = milestone_chips(t.milestones.iter().map(|m| (m.grain, m.index, m.value)), is_rate);
                        let unit = t.unit.clone();
                        let ind_name = (t.indicator.name.clone(), t.indicator.name_en.clone());
                        let t2 = t.clone();
                        let t3 = t.clone();
                        let staff_targets = t.staff_targets.clone();
                        view! {
                            <tr data-testid=format!("target-{}", t.id)>
                                <td><A href=format!("/units/{}", unit.id)>{unit.name}</A></td>
                                <td>{move || crate::names::shown(s.lang.get(), &ind_name.0, ind_name.1.as_deref())}</td>
                                <td class="num" data-testid="target-value">{format_value(Some(t.value), is_rate)}</td>
                                <td class="num">{format_value(t.baseline, is_rate)}</td>
                                <td data-testid="target-milestones">{if chips.is_empty() {
                                    view! { <span class="muted">{tr(Key::NoMilestones)}</span> }.into_any()
                                } else {
                                    view! { <span class="milestones">{chips.into_iter().map(|c| view! { <span>{c}</span> }).collect_view()}</span> }.into_any()
                                }}</td>
                                <td class="num">{cascade_gap_view(t.cascade_gap, is_rate)}</td>
                                <td data-testid="target-responsible-name">{t.responsible.clone().map(|r| r.full_name).unwrap_or_else(|| "–".to_owned())}</td>
                                <td data-testid="target-staff-targets">{staff_targets_view(staff_targets, is_rate)}</td>
                                {can_manage.then(|| view! {
                                    <td class="row-actions">
                                        <button type="button" class="btn btn-small" data-testid="split-open"
                                            on:click=move |_| splitting.set(Some(t2.clone()))>{tr(Key::Split)}</button>
                                        <button type="button" class="btn btn-small" data-testid="assign-open"
                                            on:click=move |_| assigning.set(Some(t3.clone()))>{tr(Key::AssignStaff)}</button>
                                    </td>
                                })}
                            </tr>
                        }
                    }).collect_view()}
        </Table>
    }
}

/// Personal targets as a list `Name: value`, or "none assigned".
pub(super) fn staff_targets_view(list: Vec<StaffTargetRow>, is_rate: bool) -> AnyView {
    if list.is_empty() {
        return view! { <span class="muted">{tr(Key::NoStaffTargets)}</span> }.into_any();
    }
    view! {
        <ul class="plain-list">
            {list.into_iter().map(|st| view! {
                <li data-testid=format!("staff-target-{}", st.staff.id)>
                    {st.staff.full_name.clone()}": "<strong>{format_value(Some(st.value), is_rate)}</strong>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
