//! Vi phạm: violations in scope by year (a page at a time), and the form to record one
//! (ADMIN, MANAGER).

use crate::api::gql;
use crate::api::queries::{
    RECORD_VIOLATION, RecordViolationData, STAFF, StaffData, UnitRow, VIOLATIONS, ViolationRow,
    ViolationsData,
};
use crate::components::{
    Empty, ErrorBox, Flash, FlashView, Loading, Pager, UnitSelect, page_of, today, year_options,
};
use crate::download::DownloadButtons;
use crate::format::{format_date, parse_date};
use crate::i18n::{self, Key};
use crate::pages::report::load_units;
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use serde_json::json;
use shared::{Handling, ViolationKind};

const KINDS: [ViolationKind; 5] = [
    ViolationKind::Delay,
    ViolationKind::Harassment,
    ViolationKind::ExtraDocuments,
    ViolationKind::NegativeConduct,
    ViolationKind::Other,
];
const HANDLINGS: [Handling; 5] = [
    Handling::None,
    Handling::Reminder,
    Handling::Reprimand,
    Handling::Warning,
    Handling::Discipline,
];

/// `/violations`.
#[component]
pub fn ViolationsPage() -> impl IntoView {
    let s = use_session();
    let can_manage = s.me_untracked().is_some_and(|m| m.can_manage());
    let year = RwSignal::new(today().0);
    let list = LocalResource::new(move || {
        let y = year.get();
        async move {
            gql::<ViolationsData>(s, VIOLATIONS, json!({ "year": y }))
                .await
                .map(|d| d.violations)
        }
    });
    let units = LocalResource::new(move || load_units(s));
    view! {
        <section class="page" data-testid="violations-page">
            <header class="page-head">
                <h1>{tr(Key::ViolationsTitle)}</h1>
                <div class="inline-fields">
                    <label for="violations-year">{tr(Key::Year)}</label>
                    <select id="violations-year" data-testid="violations-year"
                        on:change=move |ev| if let Ok(y) = event_target_value(&ev).parse() { year.set(y) }
                        prop:value=move || year.get().to_string()>
                        {year_options().into_iter().map(|y| view! { <option value=y.to_string() selected=move || year.get() == y>{y}</option> }).collect_view()}
                    </select>
                </div>
                <DownloadButtons testid="export-violations"
                    path=Signal::derive(move || format!("/export/violations?year={}", year.get()))/>
            </header>
            <section class="panel">
                <Transition fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        match list.await {
                            Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| list.refetch())/> }.into_any(),
                            Ok(v) if v.is_empty() => view! { <Empty key=Key::NoViolations/> }.into_any(),
                            Ok(v) => view! { <ViolationTable list=v/> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            {can_manage.then(|| view! {
                <Transition fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        match units.await {
                            Ok(u) => view! { <RecordForm units=u on_saved=Callback::new(move |_| list.refetch())/> }.into_any(),
                            Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                        }
                    })}
                </Transition>
            })}
        </section>
    }
}

/// The year's violations, a page at a time.
#[component]
fn ViolationTable(list: Vec<ViolationRow>) -> impl IntoView {
    let page = RwSignal::new(1usize);
    let total = list.len();
    let list = StoredValue::new(list);
    let rows = move || list.with_value(|l| page_of(l.len(), page.get()).slice(l).to_vec());
    view! {
        <Pager total page noun=Key::CountViolations testid="violations-pager"/>
        <div class="table-wrap">
            <table class="table" data-testid="violations-table">
                <thead><tr>
                    <th scope="col">{tr(Key::OccurredOn)}</th>
                    <th scope="col">{tr(Key::Unit)}</th>
                    <th scope="col">{tr(Key::Staff)}</th>
                    <th scope="col">{tr(Key::ViolationKind)}</th>
                    <th scope="col">{tr(Key::Description)}</th>
                    <th scope="col">{tr(Key::DossierRef)}</th>
                    <th scope="col">{tr(Key::Handling)}</th>
                </tr></thead>
                <tbody>
                    {move || rows().into_iter().map(|v| {
                        let (kind, handling) = (v.kind, v.handling);
                        view! {
                            <tr data-testid=format!("violation-row-{}", v.id)>
                                <td>{format_date(&v.occurred_on)}</td>
                                <td><A href=format!("/units/{}", v.unit.id)>{v.unit.name.clone()}</A></td>
                                <td>{v.staff.map(|p| p.full_name).unwrap_or_else(|| "–".to_owned())}</td>
                                <td>{tr(i18n::violation_kind(kind))}</td>
                                <td>{v.description.clone()}</td>
                                <td>{v.dossier_ref.clone().unwrap_or_default()}</td>
                                <td>{tr(i18n::handling(handling))}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn RecordForm(units: Vec<UnitRow>, on_saved: Callback<()>) -> impl IntoView {
    let s = use_session();
    let unit = RwSignal::new(units.first().map(|u| u.id.clone()).unwrap_or_default());
    let staff_id = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let kind = RwSignal::new(ViolationKind::Delay);
    let handling = RwSignal::new(Handling::None);
    let description = RwSignal::new(String::new());
    let dossier = RwSignal::new(String::new());
    let flash = RwSignal::new(None::<Flash>);
    let busy = RwSignal::new(false);
    let staff = LocalResource::new(move || {
        let u = unit.get();
        async move {
            gql::<StaffData>(s, STAFF, json!({ "unitId": u }))
                .await
                .map(|d| d.staff)
        }
    });
    Effect::new(move |_| {
        unit.track();
        staff_id.set(String::new());
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = s.lang.get_untracked();
        let Some(day) = parse_date(&date.get_untracked()) else {
            flash.set(Some(Flash::Invalid(Key::InvalidDate.text(lang).to_owned())));
            return;
        };
        let d = description.get_untracked();
        if d.trim().is_empty() {
            flash.set(Some(Flash::Invalid(format!(
                "{}: {}",
                Key::Description.text(lang),
                Key::Required.text(lang)
            ))));
            return;
        }
        let st = staff_id.get_untracked();
        let dr = dossier.get_untracked();
        let input = json!({
            "unitId": unit.get_untracked(),
            "staffId": if st.is_empty() { None } else { Some(st) },
            "occurredOn": day,
            "kind": kind.get_untracked().as_str(),
            "description": d.trim(),
            "dossierRef": if dr.trim().is_empty() { None } else { Some(dr.trim().to_owned()) },
            "handling": handling.get_untracked().as_str(),
        });
        busy.set(true);
        flash.set(None);
        leptos::task::spawn_local(async move {
            let r =
                gql::<RecordViolationData>(s, RECORD_VIOLATION, json!({ "input": input })).await;
            busy.set(false);
            match r {
                Ok(_) => {
                    description.set(String::new());
                    dossier.set(String::new());
                    flash.set(Some(Flash::Ok(Key::ViolationRecorded)));
                    on_saved.run(());
                }
                Err(e) => flash.set(Some(Flash::Err(e))),
            }
        });
    };
    view! {
        <form class="panel" data-testid="violation-form" on:submit=submit novalidate>
            <h2>{tr(Key::RecordViolation)}</h2>
            <div class="form-grid">
                <div><UnitSelect units selected=unit id="violation-unit" label=Key::Unit/></div>
                <div>
                    <label for="violation-staff">{tr(Key::Staff)}</label>
                    <Transition fallback=|| view! { <Loading/> }>
                        {move || Suspend::new(async move {
                            let list = staff.await.unwrap_or_default();
                            view! {
                                <select id="violation-staff" data-testid="violation-staff"
                                    on:change=move |ev| staff_id.set(event_target_value(&ev)) prop:value=move || staff_id.get()>
                                    <option value="">{tr(Key::NoStaffOption)}</option>
                                    {list.into_iter().map(|p| view! { <option value=p.id.clone()>{format!("{} — {}", p.full_name, p.position)}</option> }).collect_view()}
                                </select>
                            }
                        })}
                    </Transition>
                </div>
                <div><label for="violation-date">{tr(Key::OccurredOn)}</label>
                    <input id="violation-date" data-testid="violation-date" placeholder="dd/mm/yyyy" required bind:value=date/></div>
                <div>
                    <label for="violation-kind">{tr(Key::ViolationKind)}</label>
                    <select id="violation-kind" data-testid="violation-kind"
                        on:change=move |ev| if let Ok(k) = event_target_value(&ev).parse() { kind.set(k) } prop:value=move || kind.get().as_str()>
                        {KINDS.into_iter().map(|k| view! { <option value=k.as_str() selected=move || kind.get() == k>{tr(i18n::violation_kind(k))}</option> }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="violation-handling">{tr(Key::Handling)}</label>
                    <select id="violation-handling" data-testid="violation-handling"
                        on:change=move |ev| if let Ok(h) = event_target_value(&ev).parse() { handling.set(h) } prop:value=move || handling.get().as_str()>
                        {HANDLINGS.into_iter().map(|h| view! { <option value=h.as_str() selected=move || handling.get() == h>{tr(i18n::handling(h))}</option> }).collect_view()}
                    </select>
                </div>
                <div><label for="violation-dossier">{move || format!("{} {}", s.t(Key::DossierRef), s.t(Key::Optional))}</label>
                    <input id="violation-dossier" data-testid="violation-dossier" bind:value=dossier/></div>
            </div>
            <label for="violation-description">{tr(Key::Description)}</label>
            <textarea id="violation-description" data-testid="violation-description" required bind:value=description></textarea>
            <FlashView flash testid="violation-result"/>
            <div class="actions"><button type="submit" class="btn btn-primary" data-testid="violation-submit" disabled=move || busy.get()>{tr(Key::RecordViolation)}</button></div>
        </form>
    }
}
