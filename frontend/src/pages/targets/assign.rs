//! The dialog that assigns a share of a target to one of the unit's staff.

use super::table::staff_targets_view;
use crate::api::gql;
use crate::api::ops::decision_page::Target as TargetRow;
use crate::api::ops::{AssignStaffTarget, assign_staff_target};
use crate::components::{Empty, ErrorBox, Flash, FlashView, Loading, Submit, TextField};
use crate::format::{format_number, format_value, parse_decimal};
use crate::i18n::{Key, fill};
use crate::pages::load_staff;
use crate::state::{tr, use_session};
use leptos::prelude::*;
use shared::IndicatorKind;

/// Assigns a share of a target to one of the unit's staff.
#[component]
pub(super) fn AssignDialog(target: TargetRow, on_close: Callback<bool>) -> impl IntoView {
    let s = use_session();
    let is_rate = target.indicator.kind == IndicatorKind::Rate;
    let unit_id = target.unit.id.clone();
    let staff = LocalResource::new(move || load_staff(s, unit_id.clone()));
    let current = RwSignal::new(target.clone());
    let changed = RwSignal::new(false);
    let flash = RwSignal::new(None::<Flash>);
    let staff_id = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let target_id = target.id.clone();
    let send = Submit::new(flash);
    let send_request = move |vars: assign_staff_target::Variables| async move {
        gql::<AssignStaffTarget>(s, vars).await
    };
    let send_done = move |d: assign_staff_target::ResponseData| {
        current.set(d.assign_staff_target);
        changed.set(true);
        Some(Key::StaffTargetSaved)
    };
    let busy = send.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = s.lang.get_untracked();
        let sid = staff_id.get_untracked();
        if sid.is_empty() {
            return send.invalid(format!(
                "{}: {}",
                Key::StaffMember.text(lang),
                Key::Required.text(lang)
            ));
        }
        let Some(v) = parse_decimal(&value.get_untracked()) else {
            return send.invalid(Key::InvalidNumber.text(lang));
        };
        send.run(
            send_request(assign_staff_target::Variables {
                target_id: target_id.clone(),
                staff_id: sid,
                value: v,
            }),
            send_done,
        );
    };
    // Pre-fill the value of a staff member who already has one.
    Effect::new(move |_| {
        let sid = staff_id.get();
        let found = current.with_untracked(|t| {
            t.staff_targets
                .iter()
                .find(|x| x.staff.id == sid)
                .map(|x| x.value)
        });
        if let Some(v) = found {
            value.set(format_number(v, if is_rate { 2 } else { 0 }));
        }
    });
    let unit_name = target.unit.name.clone();
    let ind_name = (
        target.indicator.name.clone(),
        target.indicator.name_en.clone(),
    );
    let annual = target.value;
    view! {
        <div class="dialog-backdrop" on:click=move |_| on_close.run(changed.get_untracked())
            on:keydown=move |ev| if ev.key() == "Escape" { on_close.run(changed.get_untracked()) }>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="assign-title" data-testid="assign-dialog"
                on:click=|ev| ev.stop_propagation()>
                <h2 id="assign-title">{move || fill(s.t(Key::AssignStaffTitle), &[&unit_name, &crate::names::shown(s.lang.get(), &ind_name.0, ind_name.1.as_deref())])}</h2>
                <p>{tr(Key::Target)}": "<strong>{format_value(Some(annual), is_rate)}</strong></p>
                <form class="form" on:submit=submit novalidate>
                    <div class="form-grid">
                        <div>
                            <label for="assign-staff">{tr(Key::StaffMember)}</label>
                            <Suspense fallback=|| view! { <Loading/> }>
                                {move || Suspend::new(async move {
                                    match staff.await {
                                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| staff.refetch())/> }.into_any(),
                                        Ok(list) if list.is_empty() => view! { <Empty key=Key::NoStaff/> }.into_any(),
                                        Ok(list) => view! {
                                            <select id="assign-staff" data-testid="assign-staff"
                                                on:change=move |ev| staff_id.set(event_target_value(&ev)) prop:value=move || staff_id.get()>
                                                <option value="">{tr(Key::ChooseStaff)}</option>
                                                {list.into_iter().map(|p| {
                                                    let id = p.id.clone();
                                                    view! { <option value=p.id.clone() data-testid=format!("assign-staff-{}", p.id)
                                                        selected=move || staff_id.get() == id>{format!("{} — {}", p.full_name, p.position)}</option> }
                                                }).collect_view()}
                                            </select>
                                        }.into_any(),
                                    }
                                })}
                            </Suspense>
                        </div>
                        <div><TextField id="assign-value" label=Key::StaffTargetValue value decimal=true/></div>
                    </div>
                    <FlashView flash testid="assign-result"/>
                    <div data-testid="assign-staff-targets">
                        <h3>{tr(Key::StaffTargets)}</h3>
                        {move || staff_targets_view(current.get().staff_targets, is_rate)}
                    </div>
                    <div class="actions">
                        <button type="submit" class="btn btn-primary" data-testid="assign-submit" disabled=move || busy.get()>{tr(Key::Save)}</button>
                        <button type="button" class="btn" data-testid="assign-close" on:click=move |_| on_close.run(changed.get_untracked())>{tr(Key::Close)}</button>
                    </div>
                </form>
            </div>
        </div>
    }
}
