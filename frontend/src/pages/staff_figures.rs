//! `/units/:id/staff-figures`: the month's personal figures of a unit's staff, one row per
//! person and one column per measure their targets read (and dossiers received), entered by
//! the unit's officer and saved at once — all or nothing, an emptied cell clears its
//! figure. The server checks each person's month against the consistency rules and names
//! the entry at fault.

use crate::api::ops::staff_figure_sheet::{self, StaffFigureSheetStaffFigureSheet as Sheet};
use crate::api::ops::{SaveStaffFigures, StaffFigureSheet, save_staff_figures};
use crate::api::{gql, gql_read};
use crate::components::today;
use crate::components::{Empty, ErrorBox, Flash, FlashView, Loading, Submit};
use crate::format::{format_number, parse_count};
use crate::i18n::{Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::HashMap;

/// The entry page: the unit of the address, the month of `?year=&month=` (else last month).
#[component]
pub fn StaffFiguresPage() -> impl IntoView {
    let s = use_session();
    let params = use_params_map();
    let query = use_query_map();
    let unit_id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let (this_year, this_month) = today();
    let (last_year, last_month) = if this_month == 1 {
        (this_year - 1, 12)
    } else {
        (this_year, this_month - 1)
    };
    let initial = query.with_untracked(|q| {
        let year = q.get("year").and_then(|y| y.parse::<i32>().ok());
        let month = q
            .get("month")
            .and_then(|m| m.parse::<u32>().ok())
            .filter(|m| (1..=12).contains(m));
        (year.unwrap_or(last_year), month.unwrap_or(last_month))
    });
    let year = RwSignal::new(initial.0);
    let month = RwSignal::new(initial.1);
    let data = LocalResource::new(move || {
        let (id, y, m) = (unit_id.get(), year.get(), month.get());
        async move {
            let vars = staff_figure_sheet::Variables {
                unit_id: id,
                year: i64::from(y),
                month: i64::from(m),
            };
            gql_read::<StaffFigureSheet, staff_figure_sheet::ResponseData>(s, vars).await
        }
    });
    let years: Vec<i32> = (this_year - 3..=this_year).rev().collect();
    // Kept by the page, so that the message outlives the form drawn again after a save.
    let flash = RwSignal::new(None::<Flash>);
    view! {
        <section class="page" data-testid="staff-figures-page">
            <header class="page-head">
                <h1>{tr(Key::EnterStaffFigures)}</h1>
                <p class="muted">{tr(Key::StaffFiguresHint)}</p>
            </header>
            <div class="page-tools">
                <label for="sf-month">{tr(Key::Month)}</label>
                <select id="sf-month" data-testid="sf-month" on:change=move |ev| {
                    if let Ok(m) = event_target_value(&ev).parse() { flash.set(None); month.set(m) }
                } prop:value=move || month.get().to_string()>
                    {(1..=12u32).map(|m| view! { <option value=m.to_string() selected=move || month.get() == m>{format!("{m:02}")}</option> }).collect_view()}
                </select>
                <label for="sf-year">{tr(Key::Year)}</label>
                <select id="sf-year" data-testid="sf-year" on:change=move |ev| {
                    if let Ok(y) = event_target_value(&ev).parse() { flash.set(None); year.set(y) }
                } prop:value=move || year.get().to_string()>
                    {years.into_iter().map(|y| view! { <option value=y.to_string() selected=move || year.get() == y>{y.to_string()}</option> }).collect_view()}
                </select>
            </div>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| data.refetch())/> }.into_any(),
                        Ok(d) => {
                            let sheet = d.staff_figure_sheet;
                            view! { <SheetForm sheet flash on_saved=Callback::new(move |_| data.refetch())/> }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// One cell of the grid: (staff, measure code), its text, and the figure stored.
type Cell = ((String, String), RwSignal<String>, Option<i64>);

/// The grid of one month, with its save button.
#[component]
fn SheetForm(
    sheet: Sheet,
    flash: RwSignal<Option<Flash>>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let s = use_session();
    let unit_id = sheet.unit.id.clone();
    let back = format!(
        "/units/{unit_id}?year={}&kind=MONTH&index={}",
        sheet.year, sheet.month
    );
    if sheet.staff.is_empty() || sheet.measures.is_empty() {
        let key = if sheet.staff.is_empty() {
            Key::NoStaff
        } else {
            Key::NoPersonalTargets
        };
        return view! { <Empty key/> }.into_any();
    }
    let stored: HashMap<(String, String), i64> = sheet
        .figures
        .iter()
        .map(|f| ((f.staff_id.clone(), f.measure_code.clone()), f.value))
        .collect();
    // One text per cell, keyed by (staff, measure), with what was stored.
    let cells: Vec<Cell> = sheet
        .staff
        .iter()
        .flat_map(|p| {
            sheet
                .measures
                .iter()
                .map(move |m| (p.id.clone(), m.code.clone()))
        })
        .map(|k| {
            let before = stored.get(&k).copied();
            (
                k,
                RwSignal::new(before.map(|v| v.to_string()).unwrap_or_default()),
                before,
            )
        })
        .collect();
    let cells = StoredValue::new(cells);
    let send = Submit::new(flash);
    let busy = send.pending();
    let (year, month) = (sheet.year, sheet.month);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = s.lang.get_untracked();
        let mut figures = Vec::new();
        let mut wrong = None;
        cells.with_value(|cells| {
            for ((staff, code), text, before) in cells {
                let text = text.get_untracked();
                let value = if text.trim().is_empty() {
                    None
                } else {
                    match parse_count(&text) {
                        Some(v) => Some(v),
                        None => {
                            wrong.get_or_insert(text.clone());
                            continue;
                        }
                    }
                };
                if value == *before {
                    continue;
                }
                figures.push(save_staff_figures::StaffFigureInput {
                    staff_id: staff.clone(),
                    measure_code: code.clone(),
                    value,
                });
            }
        });
        if let Some(text) = wrong {
            return send.invalid(fill(Key::NotACountCell.text(lang), &[&text]));
        }
        if figures.is_empty() {
            return send.invalid(Key::NothingChanged.text(lang));
        }
        let vars = save_staff_figures::Variables {
            unit_id: unit_id.clone(),
            year,
            month,
            figures,
        };
        send.run(
            async move { gql::<SaveStaffFigures>(s, vars).await },
            move |_| {
                on_saved.run(());
                Some(Key::StaffFiguresSaved)
            },
        );
    };
    let measures = sheet.measures.clone();
    view! {
        <form class="panel" data-testid="staff-figures-form" on:submit=submit novalidate>
            <h2>{move || fill(s.t(Key::StaffFiguresOf), &[&sheet.unit.name, &format!("{month:02}/{year}")])}</h2>
            <div class="table-wrap">
                <table class="table stack-table" data-testid="staff-figures-table">
                    <thead><tr>
                        <th scope="col">{tr(Key::FullName)}</th>
                        {measures.iter().map(|m| {
                            let name = (m.name.clone(), m.name_en.clone());
                            view! { <th scope="col" class="num">{move || crate::names::shown(s.lang.get(), &name.0, name.1.as_deref())}</th> }
                        }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {sheet.staff.iter().map(|p| {
                            let pid = p.id.clone();
                            view! {
                                <tr data-testid=format!("sf-row-{}", p.id)>
                                    <th scope="row">{p.full_name.clone()}<br/><span class="muted small">{p.position.clone()}</span></th>
                                    {measures.iter().map(|m| {
                                        let key = (pid.clone(), m.code.clone());
                                        let cell = cells.with_value(|c| c.iter().find(|(k, _, _)| *k == key).map(|(_, t, _)| *t));
                                        let label = (m.name.clone(), m.name_en.clone());
                                        let who = p.full_name.clone();
                                        cell.map(|text| view! {
                                            <td class="num" data-label=move || crate::names::shown(s.lang.get(), &label.0, label.1.as_deref())>
                                                <input class="num-input" inputmode="numeric" data-testid=format!("sf-{}-{}", key.0, key.1)
                                                    aria-label=format!("{who} — {}", m.name)
                                                    bind:value=text/>
                                            </td>
                                        })
                                    }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <FlashView flash testid="staff-figures-result"/>
            <div class="actions">
                <button type="submit" class="btn btn-primary" data-testid="staff-figures-save" disabled=move || busy.get()>{tr(Key::Save)}</button>
                <A href=back attr:class="btn" attr:data-testid="staff-figures-back">{tr(Key::BackToUnit)}</A>
            </div>
            <p class="muted small">{move || fill(s.t(Key::StaffFiguresCount), &[&format_number(cells.with_value(|c| c.iter().filter(|(_, t, _)| !t.get().trim().is_empty()).count()) as f64, 0)])}</p>
        </form>
    }
    .into_any()
}
