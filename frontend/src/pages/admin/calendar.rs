//! Lịch báo cáo (ADMIN of the province root): a year's twelve months with the day their
//! figures are due and the day they must be approved, each editable with a date input; the
//! defaults (the 5th and the 10th of the next month) marked "mặc định", a moved month
//! marked "đã dời"; the server's refusal shown on the month's row.

use super::tabs::AdminSection;
use crate::api::gql;
use crate::api::ops::reporting_deadlines::Deadline;
use crate::api::ops::{
    ReportingDeadlines, SetReportingDeadline, reporting_deadlines, set_reporting_deadline,
};
use crate::components::{
    Col, ErrorBox, Flash, FlashView, Loading, Submit, Table, YearSelect, today,
};
use crate::cycle::calendar::{DeadlineMark, mark};
use crate::format::parse_date;
use crate::i18n::{Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;

/// `/admin/calendar`.
#[component]
pub fn CalendarPage() -> impl IntoView {
    let s = use_session();
    let year = RwSignal::new(today().0);
    let rows = LocalResource::new(move || {
        let y = year.get();
        async move {
            let vars = reporting_deadlines::Variables { year: y.into() };
            gql::<ReportingDeadlines>(s, vars)
                .await
                .map(|d| d.reporting_deadlines)
        }
    });
    view! {
        <AdminSection testid="admin-calendar-page">
            <section class="panel" data-testid="calendar-panel">
                <h2>{tr(Key::CalendarTitle)}</h2>
                <p class="muted">{tr(Key::CalendarHint)}</p>
                <div class="inline-fields"><YearSelect id="calendar-year" value=year/></div>
                <Transition fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        match rows.await {
                            Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| rows.refetch())/> }.into_any(),
                            Ok(list) => view! {
                                <Table testid="calendar-table" stack=true cols=vec![Col::text(Key::Month), Col::text(Key::DueOn), Col::text(Key::ApproveBy), Col::text(Key::DeadlineState), Col::actions()]>
                                    {list.into_iter().map(|d| view! { <DeadlineRow deadline=d/> }).collect_view()}
                                </Table>
                            }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        </AdminSection>
    }
}

/// One month: its two deadlines as date inputs, its mark and its save button.
#[component]
fn DeadlineRow(deadline: Deadline) -> impl IntoView {
    let s = use_session();
    let (year, month) = (deadline.year, deadline.month);
    let saved = RwSignal::new(deadline);
    let due = RwSignal::new(saved.get_untracked().due_on);
    let approve = RwSignal::new(saved.get_untracked().approve_by);
    let flash = RwSignal::new(None::<Flash>);
    let send = Submit::new(flash);
    let send_request = move |vars: set_reporting_deadline::Variables| async move {
        gql::<SetReportingDeadline>(s, vars).await
    };
    let send_done = move |d: set_reporting_deadline::ResponseData| {
        let d = d.set_reporting_deadline;
        due.set(d.due_on.clone());
        approve.set(d.approve_by.clone());
        saved.set(d);
        Some(Key::DeadlineSaved)
    };
    let busy = send.pending();
    let changed = move || saved.with(|d| d.due_on != due.get() || d.approve_by != approve.get());
    let save = move |_| {
        let (d, a) = (
            parse_date(&due.get_untracked()),
            parse_date(&approve.get_untracked()),
        );
        let (Some(due_on), Some(approve_by)) = (d, a) else {
            return send.invalid(Key::DeadlineBadDate.text(s.lang.get_untracked()));
        };
        send.run(
            send_request(set_reporting_deadline::Variables {
                year,
                month,
                due_on,
                approve_by,
            }),
            send_done,
        );
    };
    let month_text = move || {
        fill(
            s.t(Key::PeriodLabelMonth),
            &[&month.to_string(), &year.to_string()],
        )
    };
    let is_default = move || {
        saved.with(|d| {
            mark(year as i32, month as u32, &d.due_on, &d.approve_by) == DeadlineMark::Default
        })
    };
    let due_id = format!("deadline-due-{month}");
    let approve_id = format!("deadline-approve-{month}");
    view! {
        <tr data-testid=format!("deadline-{month}") data-mark=move || if is_default() { "default" } else { "moved" }>
            <th scope="row">{month_text}</th>
            <td data-label=tr(Key::DueOn)><input type="date" id=due_id.clone() data-testid=due_id
                aria-label=move || format!("{} — {}", s.t(Key::DueOn), month_text()) bind:value=due/></td>
            <td data-label=tr(Key::ApproveBy)><input type="date" id=approve_id.clone() data-testid=approve_id
                aria-label=move || format!("{} — {}", s.t(Key::ApproveBy), month_text()) bind:value=approve/></td>
            <td data-testid="deadline-mark" data-label=tr(Key::DeadlineState)>{move || if is_default() {
                view! { <span class="badge st-none">{tr(Key::DeadlineDefault)}</span> }.into_any()
            } else {
                view! { <span class="badge st-risk"><span aria-hidden="true">"↷ "</span>{tr(Key::DeadlineMoved)}</span> }.into_any()
            }}</td>
            <td>
                <button type="button" class="btn btn-small btn-primary" data-testid="deadline-save"
                    disabled=move || busy.get() || !changed() on:click=save>{tr(Key::Save)}</button>
                <FlashView flash testid=format!("deadline-result-{month}")/>
            </td>
        </tr>
    }
}
