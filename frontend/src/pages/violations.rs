//! Vi phạm: violations in scope by year (a page at a time), and the form to record one
//! (ADMIN, MANAGER).

use crate::api::gql;
use crate::api::ops::record_violation::RecordViolationInput;
use crate::api::ops::units::UnitRow;
use crate::api::ops::violations::Violation as ViolationRow;
use crate::api::ops::{RecordViolation, Violations, record_violation, violations};
use crate::components::{
    Col, Empty, EnumSelect, ErrorBox, Flash, FlashView, Loading, Pager, PeriodSel, Submit, Table,
    TextField, UnitSelect, YearSelect, page_of, replace_query,
};
use crate::download::DownloadButtons;
use crate::format::{format_date, parse_date};
use crate::i18n::{self, Key};
use crate::pages::{OpenOnLatest, StaffSelect, load_units};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::{Handling, PeriodKind, ViolationKind};

/// The kinds of violation, in the order the forms offer them.
pub const KINDS: [ViolationKind; 5] = [
    ViolationKind::Delay,
    ViolationKind::Harassment,
    ViolationKind::ExtraDocuments,
    ViolationKind::NegativeConduct,
    ViolationKind::Other,
];
/// The ways a violation is handled, in the order the forms offer them.
pub const HANDLINGS: [Handling; 5] = [
    Handling::None,
    Handling::Reminder,
    Handling::Reprimand,
    Handling::Warning,
    Handling::Discipline,
];

/// `/violations`, on the year of the address or of the caller's unit's latest month with
/// figures; the year shown is kept in the address (`?year=&kind=YEAR`).
#[component]
pub fn ViolationsPage() -> impl IntoView {
    let s = use_session();
    let unit = s.me_untracked().map(|m| m.unit.id).unwrap_or_default();
    let page = Callback::new(|initial| view! { <ViolationsView initial/> }.into_any());
    view! { <OpenOnLatest unit_id=unit page/> }
}

/// The violations page from its first year on.
#[component]
fn ViolationsView(initial: PeriodSel) -> impl IntoView {
    let s = use_session();
    let can_manage = s.me_untracked().is_some_and(|m| m.can_manage());
    let year = RwSignal::new(initial.year);
    Effect::new(move |_| {
        let whole_year = PeriodSel {
            year: year.get(),
            kind: PeriodKind::Year,
            index: 12,
        };
        replace_query(&whole_year.to_query());
    });
    let list = LocalResource::new(move || {
        let y = year.get();
        async move {
            let vars = violations::Variables {
                year: Some(y.into()),
            };
            gql::<Violations>(s, vars).await.map(|d| d.violations)
        }
    });
    let units = LocalResource::new(move || load_units(s));
    view! {
        <section class="page" data-testid="violations-page">
            <header class="page-head">
                <h1>{tr(Key::ViolationsTitle)}</h1>
                <div class="inline-fields"><YearSelect id="violations-year" value=year/></div>
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
        <Table testid="violations-table" cols=vec![Col::text(Key::OccurredOn), Col::text(Key::Unit), Col::text(Key::Staff), Col::text(Key::ViolationKind), Col::text(Key::Description), Col::text(Key::DossierRef), Col::text(Key::Handling)]>
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
        </Table>
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
    Effect::new(move |_| {
        unit.track();
        staff_id.set(String::new());
    });
    let send = Submit::new(flash);
    let send_request = move |input: RecordViolationInput| async move {
        gql::<RecordViolation>(s, record_violation::Variables { input }).await
    };
    let send_done = move |_| {
        description.set(String::new());
        dossier.set(String::new());
        on_saved.run(());
        Some(Key::ViolationRecorded)
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = s.lang.get_untracked();
        let Some(day) = parse_date(&date.get_untracked()) else {
            return send.invalid(Key::InvalidDate.text(lang));
        };
        let d = description.get_untracked();
        if d.trim().is_empty() {
            return send.invalid(format!(
                "{}: {}",
                Key::Description.text(lang),
                Key::Required.text(lang)
            ));
        }
        let st = staff_id.get_untracked();
        let dr = dossier.get_untracked();
        send.run(
            send_request(RecordViolationInput {
                unit_id: unit.get_untracked(),
                staff_id: (!st.is_empty()).then_some(st),
                occurred_on: day,
                kind: kind.get_untracked(),
                description: d.trim().to_owned(),
                dossier_ref: (!dr.trim().is_empty()).then(|| dr.trim().to_owned()),
                handling: Some(handling.get_untracked()),
            }),
            send_done,
        );
    };
    let busy = send.pending();
    view! {
        <form class="panel" data-testid="violation-form" on:submit=submit novalidate>
            <h2>{tr(Key::RecordViolation)}</h2>
            <div class="form-grid">
                <div><UnitSelect units selected=unit id="violation-unit" label=Key::Unit/></div>
                <div><StaffSelect id="violation-staff" label=Key::Staff unit selected=staff_id/></div>
                <div><TextField id="violation-date" label=Key::OccurredOn value=date placeholder="dd/mm/yyyy"/></div>
                <div><EnumSelect id="violation-kind" label=Key::ViolationKind value=kind options=&KINDS/></div>
                <div><EnumSelect id="violation-handling" label=Key::Handling value=handling options=&HANDLINGS/></div>
                <div><TextField id="violation-dossier" label=Key::DossierRef value=dossier optional=true/></div>
            </div>
            <label for="violation-description">{tr(Key::Description)}</label>
            <textarea id="violation-description" data-testid="violation-description" required bind:value=description></textarea>
            <FlashView flash testid="violation-result"/>
            <div class="actions"><button type="submit" class="btn btn-primary" data-testid="violation-submit" disabled=move || busy.get()>{tr(Key::RecordViolation)}</button></div>
        </form>
    }
}
