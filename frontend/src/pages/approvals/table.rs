//! The months of the page: the status tabs with their counts, the count of months waiting
//! and flagged, the selection bar, and the table (cards on a phone) with fixed columns.

use super::bulk::BulkBar;
use super::row::ApprovalRow;
use super::{RowModel, StatusFilter};
use crate::components::Empty;
use crate::i18n::{Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use shared::ReportStatus;
use std::collections::BTreeSet;

/// Whether the month of `m` is waiting for approval now.
pub(super) fn waiting(m: &RowModel) -> bool {
    m.state
        .with(|r| r.version > 0 && r.status == ReportStatus::Submitted)
}

#[component]
pub(super) fn ApprovalsTable(
    models: Vec<RowModel>,
    status: RwSignal<StatusFilter>,
    by_month: bool,
) -> impl IntoView {
    let s = use_session();
    let models = StoredValue::new(models);
    let selected = RwSignal::new(BTreeSet::<String>::new());
    // The rows a filter keeps are chosen when the filter changes: a month decided on the
    // page stays in sight (with its new status) until the filter is changed again.
    let shown = Memo::new(move |_| {
        let f = status.get();
        models.with_value(|all| {
            all.iter()
                .filter(|m| m.state.with_untracked(|r| f.keeps(r.status, r.version)))
                .cloned()
                .collect::<Vec<RowModel>>()
        })
    });
    let count = move |f: StatusFilter| {
        models.with_value(|all| {
            all.iter()
                .filter(|m| m.state.with(|r| f.keeps(r.status, r.version)))
                .count()
        })
    };
    let flagged = move || {
        models.with_value(|all| {
            all.iter()
                .filter(|m| waiting(m) && m.state.with(|r| r.review.flag_count > 0))
                .count()
        })
    };
    let pending = move || count(StatusFilter::Is(ReportStatus::Submitted));
    let shown_waiting = move || {
        shown
            .get()
            .iter()
            .filter(|m| waiting(m))
            .map(|m| m.uid.clone())
            .collect::<BTreeSet<String>>()
    };
    let all_checked = move || {
        let w = shown_waiting();
        !w.is_empty() && selected.with(|sel| w.is_subset(sel))
    };
    let toggle_all = move |_| {
        let w = shown_waiting();
        if all_checked() {
            selected.update(|sel| sel.retain(|u| !w.contains(u)));
        } else {
            selected.update(|sel| sel.extend(w));
        }
    };
    let cols = if by_month { 7 } else { 6 };

    view! {
        <div class="approvals-head">
            <div class="status-tabs" role="group" aria-label=tr(Key::StatusFilterLabel) data-testid="status-filter">
                {StatusFilter::ALL.into_iter().map(|f| view! {
                    <button type="button" class="status-tab" data-testid=format!("status-filter-{}", f.testid())
                        aria-pressed=move || (status.get() == f).to_string()
                        on:click=move |_| status.set(f)>
                        {move || s.t(f.label())}" "<span class="tab-count">{move || format!("({})", count(f))}</span>
                    </button>
                }).collect_view()}
            </div>
            <p class="pending-summary" data-testid="pending-count" data-count=move || pending().to_string()>
                <strong>{move || fill(s.t(Key::PendingCount), &[&pending().to_string()])}</strong>
                <Show when=move || { flagged() > 0 }>
                    " · "<span class="flag-text" data-testid="flagged-count">{move || fill(s.t(Key::FlaggedCount), &[&flagged().to_string()])}</span>
                </Show>
            </p>
        </div>
        <BulkBar models selected/>
        <Show when=move || !shown.with(Vec::is_empty) fallback=move || {
            let key = match status.get_untracked() {
                StatusFilter::All => if by_month { Key::NoPendingApprovals } else { Key::NoChildrenToApprove },
                StatusFilter::Is(ReportStatus::Submitted) => Key::NoPendingApprovals,
                _ => Key::NoRowsWithStatus,
            };
            view! { <Empty key/> }
        }>
            <div class="table-wrap panel">
                <table class="table approvals-table" data-testid="approvals-table">
                    <colgroup>
                        <col class="c-pick"/>
                        {by_month.then(|| view! { <col class="c-month"/> })}
                        <col class="c-unit"/>
                        <col class="c-status"/>
                        <col class="c-review"/>
                        <col class="c-comment"/>
                        <col class="c-actions"/>
                    </colgroup>
                    <thead><tr>
                        <th scope="col" class="pick">
                            <input type="checkbox" data-testid="select-all" aria-label=tr(Key::SelectAllWaiting) title=tr(Key::SelectAllWaiting)
                                prop:checked=all_checked disabled=move || shown_waiting().is_empty() on:change=toggle_all/>
                        </th>
                        {by_month.then(|| view! { <th scope="col">{tr(Key::Month)}</th> })}
                        <th scope="col">{tr(Key::Unit)}</th>
                        <th scope="col">{tr(Key::Status)}</th>
                        <th scope="col">{tr(Key::ReviewColumn)}</th>
                        <th scope="col">{tr(Key::Comment)}</th>
                        <th scope="col"><span class="sr-only">{tr(Key::Approve)}</span></th>
                    </tr></thead>
                    <tbody>
                        {move || shown.get().into_iter().map(|m| view! { <ApprovalRow model=m selected by_month cols/> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </Show>
    }
}
