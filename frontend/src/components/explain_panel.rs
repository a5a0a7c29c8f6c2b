//! "Cách tính": the button beside a score and the panel it opens — the total as a sum, each
//! group's subtotal with its name from the catalogue, and each indicator explained (asked
//! when the panel opens). A published ranking's panel shows its frozen total and groups.
//! The panel is a dialog: the focus moves to it, Esc or "Đóng" closes it and the focus
//! returns to the button.

use crate::api::gql_read;
use crate::api::ops::{ScoreExplain, ScoreExplainData, score_explain};
use crate::components::{Empty, ErrorBox, ExplainLine, Loading, OfficialSources, PeriodSel};
use crate::explain::{in_groups, points_of, total_words};
use crate::i18n::{self, Key, fill};
use crate::state::{tr, use_session};
use leptos::portal::Portal;
use leptos::prelude::*;
use leptos_router::components::A;

/// A group's subtotal in a unit's score.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSubtotal {
    pub code: String,
    pub earned: f64,
    pub available: f64,
}

/// What a score row says about one unit's score.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreSummary {
    pub unit_id: String,
    pub unit_name: String,
    pub score: Option<f64>,
    pub earned: f64,
    pub available: f64,
    /// In catalogue order.
    pub groups: Vec<GroupSubtotal>,
}

/// Where the panel's indicators come from.
#[derive(Debug, Clone, PartialEq)]
pub enum ExplainSource {
    /// Today's figures of the period, asked when the panel opens.
    Live(PeriodSel),
    /// A published ranking of a period: its frozen total and groups, the group names, and
    /// the unit's page on that period for each indicator.
    Frozen {
        period: PeriodSel,
        groups: Vec<(String, String)>,
        unit_link: String,
    },
}

/// The name of a group: the catalogue's, else a known one's, else its code.
fn group_name(names: &[(String, String)], code: &str, lang: i18n::Lang) -> String {
    names
        .iter()
        .find(|(c, _)| c == code)
        .map(|(_, n)| n.clone())
        .or_else(|| i18n::indicator_group(code).map(|k| k.text(lang).to_owned()))
        .unwrap_or_else(|| code.to_owned())
}

/// The "Cách tính" button; it opens the panel of `summary`.
#[component]
pub fn ExplainButton(summary: ScoreSummary, source: ExplainSource) -> impl IntoView {
    let s = use_session();
    let open = RwSignal::new(false);
    let opener = NodeRef::<leptos::html::Button>::new();
    let name = summary.unit_name.clone();
    let summary = StoredValue::new(summary);
    let source = StoredValue::new(source);
    let close = Callback::new(move |()| {
        open.set(false);
        if let Some(b) = opener.get_untracked() {
            let _ = b.focus();
        }
    });
    view! {
        <button type="button" class="btn btn-small btn-explain" data-testid="explain-open" node_ref=opener
            aria-haspopup="dialog" aria-expanded=move || open.get().to_string()
            aria-label=move || fill(s.t(Key::ExplainOpenFor), &[&name])
            on:click=move |_| open.set(true)>
            <span aria-hidden="true">"∑ "</span>{tr(Key::ExplainOpen)}
        </button>
        // In `<body>`, out of the table the button sits in (its cells' styles and scrolling).
        <Show when=move || open.get()>
            <Portal>
                <ExplainPanel summary=summary.get_value() source=source.get_value() on_close=close/>
            </Portal>
        </Show>
    }
}

/// The dialog.
#[component]
fn ExplainPanel(
    summary: ScoreSummary,
    source: ExplainSource,
    on_close: Callback<()>,
) -> impl IntoView {
    let s = use_session();
    let close_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = close_button.get() {
            let _ = b.focus();
        }
    });
    // Esc closes it wherever the focus is.
    let esc = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            on_close.run(());
        }
    });
    on_cleanup(move || esc.remove());
    let (earned, available, score) = (summary.earned, summary.available, summary.score);
    let title_name = summary.unit_name.clone();
    let p = match &source {
        ExplainSource::Live(p) | ExplainSource::Frozen { period: p, .. } => *p,
    };
    let body = match source {
        ExplainSource::Live(period) => view! { <LiveGroups summary period/> }.into_any(),
        ExplainSource::Frozen {
            groups, unit_link, ..
        } => view! { <FrozenGroups summary names=groups unit_link/> }.into_any(),
    };
    view! {
        <div class="dialog-backdrop" on:click=move |_| on_close.run(())>
            <div class="dialog dialog-wide explain-panel" role="dialog" aria-modal="true"
                aria-labelledby="explain-title" data-testid="explain-panel"
                on:click=|ev| ev.stop_propagation()>
                <div class="dialog-head">
                    <h2 id="explain-title">{move || fill(s.t(Key::ExplainTitle), &[&title_name])}</h2>
                    <button type="button" class="btn btn-small" data-testid="explain-close" node_ref=close_button
                        on:click=move |_| on_close.run(())>{tr(Key::Close)}</button>
                </div>
                <p class="muted">{move || i18n::period_label(s.lang.get(), p.year, p.kind, p.index_opt())}</p>
                <p class="explain-total" data-testid="explain-total">
                    <strong>{move || total_words(s.lang.get(), earned, available, score)}</strong>
                </p>
                {body}
            </div>
        </div>
    }
}

/// The subtotal of a group, if the row has one: "13,10 / 18 điểm".
fn subtotal(summary: &ScoreSummary, code: &str) -> Option<(f64, f64)> {
    summary
        .groups
        .iter()
        .find(|g| g.code == code)
        .map(|g| (g.earned, g.available))
}

/// A group's heading: its name and subtotal.
fn group_heading(name: String, sub: Option<(f64, f64)>) -> impl IntoView {
    let s = use_session();
    view! {
        <h3 class="explain-group-head">
            <span>{name}</span>
            {sub.map(|(e, a)| view! {
                <span class="explain-subtotal" data-testid="explain-group-subtotal">{move || points_of(s.lang.get(), Some(e), a)}</span>
            })}
        </h3>
    }
}

/// Each group of the unit's indicators, asked now for the period.
#[component]
fn LiveGroups(summary: ScoreSummary, period: PeriodSel) -> impl IntoView {
    let s = use_session();
    let unit_id = summary.unit_id.clone();
    let data = LocalResource::new(move || {
        let vars = score_explain::Variables {
            period: period.into(),
            unit_ids: Some(vec![unit_id.clone()]),
        };
        async move { gql_read::<ScoreExplain, ScoreExplainData>(s, vars).await }
    });
    let summary = StoredValue::new(summary);
    view! {
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| data.refetch())/> }.into_any(),
                    Ok(d) if d.indicator_results.is_empty() => view! { <Empty key=Key::NoResults/> }.into_any(),
                    Ok(d) => {
                        let names: Vec<(String, String)> = d.indicator_groups.iter().map(|g| (g.code.clone(), g.name.clone())).collect();
                        let order: Vec<String> = names.iter().map(|(c, _)| c.clone()).collect();
                        let lang = s.lang.get_untracked();
                        let sources = view! { <OfficialSources results=d.indicator_results.clone()/> };
                        let groups = in_groups(&order, d.indicator_results, |r| r.indicator.group.as_str())
                            .into_iter()
                            .map(|(code, lines)| {
                                let sub = summary.with_value(|sm| subtotal(sm, &code));
                                let name = group_name(&names, &code, lang);
                                view! {
                                    <section class="explain-group" data-testid=format!("explain-group-{code}")>
                                        {group_heading(name, sub)}
                                        <ol class="explain-lines">
                                            {lines.into_iter().map(|result| view! { <ExplainLine result/> }).collect_view()}
                                        </ol>
                                    </section>
                                }
                            })
                            .collect_view();
                        view! { {sources} {groups} }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// A published ranking's groups as frozen, and where each indicator is explained.
#[component]
fn FrozenGroups(
    summary: ScoreSummary,
    names: Vec<(String, String)>,
    unit_link: String,
) -> impl IntoView {
    let s = use_session();
    let lang = s.lang.get_untracked();
    view! {
        {summary.groups.iter().map(|g| {
            let name = group_name(&names, &g.code, lang);
            view! {
                <section class="explain-group" data-testid=format!("explain-group-{}", g.code)>
                    {group_heading(name, Some((g.earned, g.available)))}
                </section>
            }
        }).collect_view()}
        <p class="muted">{tr(Key::ExplainFrozen)}" "<A href=unit_link>{tr(Key::ExplainUnitLink)}</A>"."</p>
    }
}
