//! A unit's reporting on time over a year, on its page: each month that has ended with its
//! deadline, the day it was first submitted (in Vietnam) and "đúng hạn", "trễ N ngày",
//! "chưa nộp" or "chưa đến hạn"; above them, how many of the months due were on time.

use crate::api::gql;
use crate::api::ops::{UnitTimeliness, unit_timeliness};
use crate::components::{Col, Empty, ErrorBox, Loading, Table};
use crate::cycle::timeliness::{Standing, on_time_of};
use crate::cycle::todo::month_label;
use crate::format::{format_date, format_percent};
use crate::i18n::{Key, fill};
use crate::state::use_session;
use crate::vn_time::format_vietnam_date;
use leptos::prelude::*;

/// The class and icon of a standing.
fn look(s: Standing) -> (&'static str, &'static str) {
    match s {
        Standing::OnTime => ("st-on", "✓"),
        Standing::Late(_) => ("st-risk", "!"),
        Standing::Missing(_) => ("st-off", "✗"),
        Standing::NotDue => ("st-none", "–"),
    }
}

/// The months of `year` of a unit against their deadlines.
#[component]
pub fn UnitTimelinessPanel(unit_id: String, year: i32) -> impl IntoView {
    let s = use_session();
    let rows = LocalResource::new(move || {
        let vars = unit_timeliness::Variables {
            unit_id: unit_id.clone(),
            year: year.into(),
        };
        async move {
            gql::<UnitTimeliness>(s, vars)
                .await
                .map(|d| d.unit_timeliness)
        }
    });
    view! {
        <section class="panel" data-testid="unit-timeliness">
            <h2>{move || fill(s.t(Key::TimelinessTitle), &[&year.to_string()])}</h2>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| rows.refetch())/> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <Empty key=Key::NoTimeliness/> }.into_any(),
                        Ok(list) => {
                            let standings: Vec<Standing> = list
                                .iter()
                                .map(|t| Standing::of(t.on_time, t.days_late, t.submitted_at.is_some()))
                                .collect();
                            let summary = on_time_of(&standings).map(|(on, due)| {
                                let rate = format_percent(on as f64 * 100.0 / due as f64);
                                move || fill(s.t(Key::TimelinessOfYear), &[&on.to_string(), &due.to_string(), &rate])
                            });
                            view! {
                                {summary.map(|t| view! { <p data-testid="timeliness-summary">{t}</p> })}
                                <Table testid="timeliness-table" cols=vec![Col::text(Key::Month), Col::text(Key::DueOn), Col::text(Key::SubmittedOn), Col::text(Key::Status)]>
                                    {list.into_iter().zip(standings).map(|(t, st)| {
                                        let (class, icon) = look(st);
                                        let (y, m) = (i64::from(year), t.month);
                                        view! {
                                            <tr data-testid=format!("timeliness-{m}") data-standing=st.slug()>
                                                <th scope="row">{move || month_label(s.lang.get(), y, m)}</th>
                                                <td>{format_date(&t.due_on)}</td>
                                                <td>{t.submitted_at.as_deref().map(format_vietnam_date).unwrap_or_else(|| "–".to_owned())}</td>
                                                <td><span class=format!("badge {class}")><span aria-hidden="true">{icon}" "</span>{move || st.label(s.lang.get())}</span></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </Table>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}
