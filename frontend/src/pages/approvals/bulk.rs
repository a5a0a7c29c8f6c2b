//! Approving the selected months in one go: the bar that counts them and approves them, and
//! what each month is told afterwards. The server approves each month on its own (audited
//! like a single approval) and answers month by month, so a month no longer waiting shows
//! its reason on its own row while the others are approved.

use super::RowModel;
use super::row::after;
use super::table::waiting;
use crate::api::ops::{ApproveMonthlyReports, approve_monthly_reports};
use crate::api::{ApiError, gql};
use crate::components::{Flash, FlashView, Submit};
use crate::i18n::{Key, fill};
use crate::pages::home::refresh_todo;
use crate::state::{tr, use_session};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// The most months one approval holds (the server's limit).
const MAX_MONTHS: usize = 50;

type Answer = Vec<approve_monthly_reports::ApproveMonthlyReportsApproveMonthlyReports>;

/// Writes each month's answer into its row; `(approved, asked)`.
fn apply(models: &[RowModel], answer: Answer) -> (usize, usize) {
    let asked = answer.len();
    let mut approved = 0;
    for a in answer {
        let Some(m) = models.iter().find(|m| {
            m.state.with_untracked(|r| {
                r.unit.id == a.unit_id && r.year == a.year && r.month == a.month
            })
        }) else {
            continue;
        };
        if let Some(r) = a.report {
            m.state
                .update(|now| *now = after(now, r.status, r.version, r.comment));
        }
        if a.approved {
            approved += 1;
            m.flash.set(Some(Flash::Ok(Key::Approved)));
        } else {
            m.flash.set(Some(Flash::Invalid(a.message)));
        }
    }
    (approved, asked)
}

#[component]
pub(super) fn BulkBar(
    models: StoredValue<Vec<RowModel>>,
    selected: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let s = use_session();
    let flash = RwSignal::new(None::<Flash>);
    // What the last approval did: all approved, and the sentence.
    let result = RwSignal::new(None::<(bool, String)>);
    let run = Submit::new(flash);
    let busy = run.pending();
    let n = move || selected.with(BTreeSet::len);
    let approve = move |_| {
        let chosen: Vec<RowModel> = models.with_value(|all| {
            selected.with_untracked(|sel| {
                all.iter()
                    .filter(|m| sel.contains(&m.uid) && waiting(m))
                    .cloned()
                    .collect()
            })
        });
        if chosen.len() > MAX_MONTHS {
            let text = fill(
                Key::TooManySelected.text(s.lang.get_untracked()),
                &[&MAX_MONTHS.to_string()],
            );
            return run.invalid(text);
        }
        let months: Vec<approve_monthly_reports::ReportMonthInput> = chosen
            .iter()
            .map(|m| {
                m.state
                    .with_untracked(|r| approve_monthly_reports::ReportMonthInput {
                        unit_id: r.unit.id.clone(),
                        year: r.year,
                        month: r.month,
                    })
            })
            .collect();
        let vars = approve_monthly_reports::Variables {
            months,
            comment: None,
        };
        result.set(None);
        let request = async move {
            gql::<ApproveMonthlyReports>(s, vars)
                .await
                .map(|r| r.approve_monthly_reports)
        };
        run.run_with(request, move |answer: Result<Answer, ApiError>| {
            let answer = match answer {
                Ok(a) => a,
                Err(e) => return Some(Flash::Err(e)),
            };
            let (approved, asked) = models.with_value(|all| apply(all, answer));
            selected.set(BTreeSet::new());
            refresh_todo();
            let lang = s.lang.get_untracked();
            let text = if approved == asked {
                fill(Key::BulkAllApproved.text(lang), &[&approved.to_string()])
            } else {
                fill(
                    Key::BulkSomeRefused.text(lang),
                    &[
                        &approved.to_string(),
                        &asked.to_string(),
                        &(asked - approved).to_string(),
                    ],
                )
            };
            result.set(Some((approved == asked, text)));
            None
        });
    };
    view! {
        <div class=move || { if n() > 0 { "bulk-bar is-active" } else { "bulk-bar" } } data-testid="bulk-bar">
            <Show when=move || { n() > 0 }>
                <span class="bulk-count" data-testid="selected-count">{move || fill(s.t(Key::SelectedCount), &[&n().to_string()])}</span>
                <button type="button" class="btn btn-primary btn-small" data-testid="approve-selected" disabled=move || busy.get() on:click=approve>
                    <span aria-hidden="true">"✓ "</span>{move || fill(s.t(Key::ApproveSelected), &[&n().to_string()])}
                </button>
                <button type="button" class="btn btn-small btn-ghost" data-testid="clear-selection" on:click=move |_| selected.set(BTreeSet::new())>
                    {tr(Key::ClearSelection)}
                </button>
            </Show>
            {move || result.get().map(|(all, text)| view! {
                <p class="flash" class:flash-ok=all class:flash-err=!all role="status" data-testid="bulk-result">
                    <span aria-hidden="true">{if all { "✓ " } else { "⚠ " }}</span>{text}
                </p>
            })}
            <FlashView flash testid="bulk-error"/>
        </div>
    }
}
