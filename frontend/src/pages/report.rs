//! Nhập số liệu: a unit's 13 monthly measures, checked as you type with the same
//! consistency rules as the server (`shared::validation`), saved with optimistic locking
//! (`expectedVersion`) and submitted for approval.

use crate::api::ops::measures::MeasuresMeasures as MeasureRow;
use crate::api::ops::monthly_report::Report as MonthlyReport;
use crate::api::ops::save_monthly_report::MeasureValueInput;
use crate::api::ops::{
    Measures, MonthlyReport as MonthlyReportQuery, SaveMonthlyReport, SubmitMonthlyReport,
    measures, monthly_report, save_monthly_report, submit_monthly_report,
};
use crate::api::{ApiError, gql};
use crate::components::{
    Empty, ErrorBox, Flash, FlashView, Loading, MonthPicker, PeriodSel, ReportBadge, Submit,
    UnitSelect, replace_query,
};
use crate::format::{format_count, parse_count};
use crate::i18n::{self, Key, fill};
use crate::pages::home::refresh_todo;
use crate::pages::{OpenOnLatest, load_units};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use shared::ReportStatus;
use shared::validation::check_consistency;

impl MonthlyReport {
    /// The saved value of a measure, if any.
    pub fn value_of(&self, code: &str) -> Option<i64> {
        self.values
            .iter()
            .find(|v| v.measure.code == code)
            .map(|v| v.value)
    }
}

/// A translated message about a broken consistency rule, with measure names.
pub fn consistency_message(
    lang: i18n::Lang,
    v: &shared::validation::ConsistencyViolation,
    name_of: impl Fn(&str) -> String,
) -> String {
    fill(
        Key::Inconsistent.text(lang),
        &[
            &name_of(&v.part),
            &format_count(v.part_value),
            &name_of(&v.whole),
            &format_count(v.whole_value),
        ],
    )
}

/// `/report`: `?unit=&year=&kind=MONTH&index=` (or `&month=`) opens a given month (links
/// from other pages, bookmarks); without a month it opens on the unit's latest month with
/// figures. The month shown is kept in the address.
#[component]
pub fn ReportPage() -> impl IntoView {
    let s = use_session();
    let unit = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("unit"))
        .filter(|v| !v.trim().is_empty())
        .or_else(|| s.me_untracked().map(|m| m.unit.id))
        .unwrap_or_default();
    let page_unit = unit.clone();
    let page = Callback::new(move |initial| {
        view! { <ReportView unit=page_unit.clone() initial/> }.into_any()
    });
    view! { <OpenOnLatest unit_id=unit page/> }
}

/// The report page from its first unit and month on.
#[component]
fn ReportView(unit: String, initial: PeriodSel) -> impl IntoView {
    let s = use_session();
    let unit_id = RwSignal::new(unit);
    let year = RwSignal::new(initial.year);
    let month = RwSignal::new(initial.last_month());
    Effect::new(move |_| {
        let period = PeriodSel::month(year.get(), month.get());
        replace_query(&format!("unit={}&{}", unit_id.get(), period.to_query()));
    });
    let reload = RwSignal::new(0u32);

    let units = LocalResource::new(move || load_units(s));
    let measures = LocalResource::new(move || async move {
        gql::<Measures>(s, measures::Variables).await.map(|d| {
            let rules: Vec<(String, String)> = d
                .consistency_rules
                .into_iter()
                .map(|r| (r.part, r.whole))
                .collect();
            (d.measures, rules)
        })
    });
    let report = LocalResource::new(move || {
        reload.track();
        let (u, y, m) = (unit_id.get(), year.get(), month.get());
        async move {
            let vars = monthly_report::Variables {
                unit_id: u,
                year: y.into(),
                month: m.into(),
            };
            gql::<MonthlyReportQuery>(s, vars)
                .await
                .map(|d| d.monthly_report)
        }
    });

    view! {
        <section class="page" data-testid="report-page">
            <header class="page-head">
                <h1>{tr(Key::ReportTitle)}</h1>
            </header>
            <div class="panel inline-fields" data-testid="report-picker">
                <Transition fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        match units.await {
                            Ok(list) => view! { <UnitSelect units=list selected=unit_id id="report-unit" label=Key::Unit/> }.into_any(),
                            Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                        }
                    })}
                </Transition>
                <MonthPicker year month prefix="report"/>
            </div>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    let (m, r) = (measures.await, report.await);
                    match (m, r) {
                        (Err(e), _) | (_, Err(e)) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| { measures.refetch(); report.refetch(); })/> }.into_any(),
                        (Ok((m, _)), _) if m.is_empty() => view! { <Empty key=Key::NoMeasures/> }.into_any(),
                        (Ok((m, rules)), Ok(r)) => view! {
                            <ReportForm measures=m rules report=r on_reload=Callback::new(move |_| reload.update(|n| *n += 1))/>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[derive(Clone, Copy)]
struct Field {
    value: RwSignal<String>,
}

#[component]
fn ReportForm(
    measures: Vec<MeasureRow>,
    /// The catalogue's consistency rules, `(part, whole)` codes.
    rules: Vec<(String, String)>,
    report: MonthlyReport,
    on_reload: Callback<()>,
) -> impl IntoView {
    let s = use_session();
    let state = RwSignal::new(report.clone());
    let fields: Vec<(MeasureRow, Field)> = measures
        .into_iter()
        .map(|m| {
            let v = report
                .value_of(&m.code)
                .map(|v| v.to_string())
                .unwrap_or_default();
            (
                m,
                Field {
                    value: RwSignal::new(v),
                },
            )
        })
        .collect();
    let fields = StoredValue::new(fields);
    let flash = RwSignal::new(None::<Flash>);
    let conflict = RwSignal::new(None::<ApiError>);
    let name_of = move |code: &str| {
        fields.with_value(|f| {
            f.iter()
                .find(|(m, _)| m.code == code)
                .map(|(m, _)| crate::names::shown(s.lang.get(), &m.name, m.name_en.as_deref()))
                .unwrap_or_else(|| code.to_owned())
        })
    };
    // Each field: Ok(None) when empty, Ok(Some(n)) when a count, Err when not a count.
    let parsed = Memo::new(move |_| {
        fields.with_value(|f| {
            f.iter()
                .map(|(m, fld)| {
                    let t = fld.value.get();
                    let v = if t.trim().is_empty() {
                        Ok(None)
                    } else {
                        parse_count(&t).map(Some).ok_or(())
                    };
                    (m.code.clone(), v)
                })
                .collect::<Vec<_>>()
        })
    });
    let violations = Memo::new(move |_| {
        let p = parsed.get();
        check_consistency(&rules, |code| {
            p.iter()
                .find(|(c, _)| c == code)
                .and_then(|(_, v)| v.ok().flatten())
        })
    });
    let has_bad_number = Memo::new(move |_| parsed.get().iter().any(|(_, v)| v.is_err()));
    let dirty = Memo::new(move |_| {
        let st = state.get();
        parsed.get().iter().any(|(code, v)| match v {
            Ok(v) => *v != st.value_of(code),
            Err(_) => true,
        })
    });
    // The server's workflow: an approved month is read-only until reopened; saving a
    // submitted month turns it back into a draft.
    let editable = Memo::new(move |_| state.get().status != ReportStatus::Approved);
    let apply = move |r: MonthlyReport| {
        fields.with_value(|f| {
            for (m, fld) in f {
                fld.value.set(
                    r.value_of(&m.code)
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                );
            }
        });
        state.set(r);
    };
    // Saving and submitting answer the month as it now is; a conflict asks to reload.
    let outcome = move |ok: Key| {
        move |r: Result<MonthlyReport, ApiError>| match r {
            Ok(report) => {
                apply(report);
                Some(Flash::Ok(ok))
            }
            Err(e) if e.is_conflict() => {
                conflict.set(Some(e));
                None
            }
            Err(e) => Some(Flash::Err(e)),
        }
    };
    let save_op = Submit::new(flash);
    let save_op_request = move |vars: save_monthly_report::Variables| async move {
        gql::<SaveMonthlyReport>(s, vars)
            .await
            .map(|d| d.save_monthly_report)
    };
    let save_op_done = outcome(Key::Saved);
    let submit_op = Submit::new(flash);
    let submit_op_request = move |vars: submit_monthly_report::Variables| async move {
        gql::<SubmitMonthlyReport>(s, vars)
            .await
            .map(|d| d.submit_monthly_report)
    };
    let submitted = outcome(Key::SubmittedOk);
    // A submission changes the caller's to-do list and the menu's counts.
    let submit_op_done = move |r: Result<MonthlyReport, ApiError>| {
        let ok = r.is_ok();
        let shown = submitted(r);
        if ok {
            refresh_todo();
        }
        shown
    };
    let pending = move || save_op.pending().get() || submit_op.pending().get();

    let can_save = move || {
        editable.get()
            && dirty.get()
            && !has_bad_number.get()
            && violations.with(Vec::is_empty)
            && !pending()
    };
    let can_submit = move || {
        matches!(
            state.get().status,
            ReportStatus::Draft | ReportStatus::Rejected
        ) && !dirty.get()
            && state.get().version > 0
            && !pending()
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !can_save() {
            return;
        }
        let st = state.get_untracked();
        let values = parsed
            .get_untracked()
            .into_iter()
            .filter_map(|(code, v)| {
                v.ok().flatten().map(|n| MeasureValueInput {
                    measure_code: code,
                    value: n,
                })
            })
            .collect();
        conflict.set(None);
        save_op.run_with(
            save_op_request(save_monthly_report::Variables {
                unit_id: st.unit.id,
                year: st.year,
                month: st.month,
                values,
                expected_version: Some(st.version),
            }),
            save_op_done,
        );
    };

    let submit = move |_| {
        if !can_submit() {
            return;
        }
        let st = state.get_untracked();
        submit_op.run_with(
            submit_op_request(submit_monthly_report::Variables {
                unit_id: st.unit.id,
                year: st.year,
                month: st.month,
            }),
            submit_op_done,
        );
    };

    view! {
        <form class="report-form" id="report-form" data-testid="report-form" on:submit=save novalidate>
            <div class="inline-fields">
                <h2 data-testid="report-unit-name">{move || format!("{} — {}/{}", state.get().unit.name, state.get().month, state.get().year)}</h2>
                {move || view! { <ReportBadge status=state.get().status/> }}
                <span class="muted" data-testid="report-version">{move || format!("{} {}", s.t(Key::Version), state.get().version)}</span>
            </div>
            {move || state.get().comment.filter(|c| !c.trim().is_empty()).map(|c| view! {
                <p class="flash flash-err" data-testid="report-comment">
                    <strong>{move || s.t(if state.get().status == ReportStatus::Rejected { Key::RejectComment } else { Key::Comment })}": "</strong>{c}
                </p>
            })}
            <Show when=move || !editable.get()>
                <p class="flash flash-info" data-testid="report-locked">{tr(Key::Locked)}</p>
            </Show>
            <p class="muted">{tr(Key::EmptyMeansNotReported)}</p>
            <div class="report-grid">
                {fields.get_value().into_iter().map(|(m, fld)| {
                    let code = m.code.clone();
                    let label = (m.name.clone(), m.name_en.clone());
                    let input_id = format!("measure-{code}");
                    let err_id = format!("measure-{code}-error");
                    let code_a = code.clone();
                    let code_b = code.clone();
                    let bad_number = Memo::new(move |_| parsed.get().iter().any(|(c, v)| *c == code_a && v.is_err()));
                    let my_violations = Memo::new(move |_| violations.get().into_iter().filter(|v| v.part == code_b).collect::<Vec<_>>());
                    view! {
                        <div class="measure-field" data-testid=format!("field-{code}")>
                            <label for=input_id.clone()>{move || crate::names::shown(s.lang.get(), &label.0, label.1.as_deref())}</label>
                            <input id=input_id.clone() data-testid=input_id.clone() type="text" inputmode="numeric"
                                autocomplete="off" title=m.description.clone()
                                disabled=move || !editable.get()
                                aria-invalid=move || (bad_number.get() || !my_violations.with(Vec::is_empty)).to_string()
                                aria-describedby=err_id.clone()
                                bind:value=fld.value/>
                            <div id=err_id.clone() aria-live="polite">
                                <Show when=move || bad_number.get()>
                                    <p class="field-error" data-testid="field-error-number"><span aria-hidden="true">"⚠ "</span>{tr(Key::NotANumber)}</p>
                                </Show>
                                {move || my_violations.get().into_iter().map(|v| {
                                    let msg = consistency_message(s.lang.get(), &v, |c| name_of(c));
                                    view! { <p class="field-error" data-testid="field-error-consistency"><span aria-hidden="true">"⚠ "</span>{msg}</p> }
                                }).collect_view()}
                            </div>
                        </div>
                    }
                }).collect_view()}
            </div>
            <div class="sticky-actions">
                <Show when=move || !violations.with(Vec::is_empty) || has_bad_number.get()>
                    <p class="flash flash-err" role="alert" data-testid="report-invalid">
                        <span aria-hidden="true">"⚠ "</span>{tr(Key::FixErrorsFirst)}" "
                        {move || violations.get().into_iter().map(|v| consistency_message(s.lang.get(), &v, |c| name_of(c))).collect::<Vec<_>>().join(" ")}
                    </p>
                </Show>
                {move || conflict.get().map(|e| view! {
                    <div class="flash flash-err" role="alert" data-testid="report-conflict">
                        <p><span aria-hidden="true">"⚠ "</span>{tr(Key::ConflictReload)}</p>
                        <p class="error-detail">{e.message.clone()}</p>
                        <button type="button" class="btn" data-testid="report-reload" on:click=move |_| on_reload.run(())>{tr(Key::Reload)}</button>
                    </div>
                })}
                <FlashView flash testid="report-result"/>
                <div class="actions">
                    <button type="submit" class="btn btn-primary" id="report-save" data-testid="report-save" disabled=move || !can_save()>
                        {move || s.t(if pending() { Key::Saving } else { Key::Save })}
                    </button>
                    <button type="button" class="btn" id="report-submit" data-testid="report-submit" disabled=move || !can_submit() on:click=submit>
                        {tr(Key::Submit)}
                    </button>
                    <Show when=move || dirty.get() && editable.get()>
                        <span class="muted" data-testid="report-dirty">{tr(Key::UnsavedChanges)}" "{tr(Key::SaveBeforeSubmit)}</span>
                    </Show>
                </div>
            </div>
        </form>
    }
}
