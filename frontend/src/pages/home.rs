//! Việc cần làm: the home page of every role. The caller's to-do list (`todo`), most urgent
//! first under its headings, each item linked to the page where it is done; a leader also
//! sees the biggest rank drops since the previous month. The list is loaded once for the
//! session ([`TodoFeed`]) and shared with the menu's counts; a submission or an approval
//! refreshes it.

use crate::api::ops::todo::TodoItem;
use crate::api::ops::{RankMoves, Todo, rank_moves, todo};
use crate::api::{ApiError, gql};
use crate::components::{Empty, ErrorBox, Loading, PeriodSel};
use crate::cycle::drops::{RankMove, biggest_drops};
use crate::cycle::todo::{Group, Reader, action, facts, grouped, link, shown};
use crate::i18n::{self, Key, fill};
use crate::pages::latest_period;
use crate::state::{Session, tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::Role;

/// The rank drops a leader's home lists.
const DROPS_SHOWN: usize = 5;

/// The caller's to-do list, loaded once per session and shared by the home page and the
/// menu's counts.
#[derive(Clone, Copy)]
pub struct TodoFeed {
    /// The list, most urgent first.
    pub items: LocalResource<Result<Vec<TodoItem>, ApiError>>,
}

impl TodoFeed {
    /// Loads the list for the session and provides it to the pages below.
    pub fn provide(s: Session) -> TodoFeed {
        let feed = TodoFeed {
            items: LocalResource::new(move || async move {
                gql::<Todo>(s, todo::Variables).await.map(|d| d.todo)
            }),
        };
        provide_context(feed);
        feed
    }

    /// The list as last loaded (none while loading or after an error).
    pub fn loaded(&self) -> Option<Vec<TodoItem>> {
        self.items.get().and_then(Result::ok)
    }
}

/// Loads the caller's to-do list again (after a submission, an approval, a rejection).
pub fn refresh_todo() {
    if let Some(feed) = use_context::<TodoFeed>() {
        feed.items.refetch();
    }
}

/// `/`: "Việc cần làm".
#[component]
pub fn HomePage() -> impl IntoView {
    let s = use_session();
    let feed = use_context::<TodoFeed>().unwrap_or_else(|| TodoFeed::provide(s));
    let items = feed.items;
    let leader = s.me_untracked().is_some_and(|m| m.role == Role::Viewer);
    view! {
        <section class="page" data-testid="home-page">
            <header class="page-head">
                <h1>{tr(Key::TodoTitle)}</h1>
                <p class="muted">{tr(Key::TodoHint)}</p>
            </header>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match items.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| items.refetch())/> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <div data-testid="todo-empty"><Empty key=Key::TodoEmpty/></div> }.into_any(),
                        Ok(list) => view! {
                            <div class="todo" data-testid="todo-list">
                                {grouped(list).into_iter().map(|(g, list)| view! { <TodoGroup group=g items=list/> }).collect_view()}
                            </div>
                        }.into_any(),
                    }
                })}
            </Transition>
            {leader.then(|| view! { <RankDrops/> })}
        </section>
    }
}

/// One heading and its items, the first few until all are asked for.
#[component]
fn TodoGroup(group: Group, items: Vec<TodoItem>) -> impl IntoView {
    let s = use_session();
    let n = items.len();
    let all = RwSignal::new(false);
    let items = StoredValue::new(items);
    view! {
        <section class=format!("panel todo-group todo-{}", group.slug()) data-testid=format!("todo-group-{}", group.slug())>
            <h2>{tr(group.heading())}" "<span class="todo-count" data-testid="todo-count">"("{n}")"</span></h2>
            <ul class="todo-items">
                {move || items.with_value(|list| {
                    list.iter().take(shown(n, all.get())).cloned().map(|i| view! { <TodoEntry item=i/> }).collect_view()
                })}
            </ul>
            {(shown(n, false) < n).then(|| view! {
                <button type="button" class="btn btn-small btn-ghost" data-testid="todo-more"
                    aria-expanded=move || all.get().to_string() on:click=move |_| all.update(|a| *a = !*a)>
                    {move || if all.get() { s.t(Key::TodoShowFewer).to_owned() } else { fill(s.t(Key::TodoShowAll), &[&n.to_string()]) }}
                </button>
            })}
        </section>
    }
}

/// One item: its unit, what it is about, the rejection comment, and where to do it.
#[component]
fn TodoEntry(item: TodoItem) -> impl IntoView {
    let s = use_session();
    let reader = match s.me_untracked().map(|m| m.role) {
        Some(Role::Viewer) => Reader::Leader,
        _ => Reader::Reporter,
    };
    let href = link(&item, reader);
    let kind = item.kind;
    let unit = item.unit.clone();
    let comment = item.comment.clone().filter(|c| !c.trim().is_empty());
    let item = StoredValue::new(item);
    view! {
        <li class="todo-item" data-testid="todo-item" data-kind=kind.as_str() data-unit=unit.id.clone()>
            <A href=href attr:class="todo-link" attr:data-testid="todo-link">
                <span class="todo-main">
                    <span><strong class="todo-unit">{unit.name}</strong>
                        {unit.parent.map(|p| view! { <span class="todo-parent">" · "{p.name}</span> })}</span>
                    <span class="todo-facts">{move || item.with_value(|i| facts(s.lang.get(), i)).join(" · ")}</span>
                    {comment.map(|c| view! {
                        <span class="todo-comment" data-testid="todo-comment">{move || fill(s.t(Key::TodoReason), &[&format!("“{c}”")])}</span>
                    })}
                </span>
                <span class="todo-action">{tr(action(kind, reader))}<span aria-hidden="true">" →"</span></span>
            </A>
        </li>
    }
}

/// The ranks of the latest month beside the previous month's, communes and departments.
async fn load_moves(s: Session, unit: String) -> Result<(PeriodSel, Vec<RankMove>), ApiError> {
    let period = latest_period(s, unit).await;
    let d = gql::<RankMoves>(
        s,
        rank_moves::Variables {
            period: period.into(),
        },
    )
    .await?;
    let moves = d
        .communes
        .into_iter()
        .chain(d.departments)
        .map(|r| RankMove {
            unit_id: r.unit.id,
            unit_name: r.unit.name,
            rank: r.rank,
            previous_rank: r.previous_rank,
        })
        .collect();
    Ok((period, moves))
}

/// A leader's biggest rank drops since the previous month.
#[component]
fn RankDrops() -> impl IntoView {
    let s = use_session();
    let unit = s.me_untracked().map(|m| m.unit.id).unwrap_or_default();
    let moves = LocalResource::new(move || load_moves(s, unit.clone()));
    view! {
        <section class="panel" data-testid="rank-drops">
            <h2>{tr(Key::RankDropsTitle)}</h2>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match moves.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| moves.refetch())/> }.into_any(),
                        Ok((period, list)) => {
                            let drops = biggest_drops(list, DROPS_SHOWN);
                            let label = move || {
                                let p = i18n::period_label(s.lang.get(), period.year, period.kind, period.index_opt());
                                fill(s.t(Key::RankDropsOf), &[&p])
                            };
                            view! {
                                <p class="muted">{label}</p>
                                {if drops.is_empty() {
                                    view! { <Empty key=Key::NoRankDrops/> }.into_any()
                                } else {
                                    view! {
                                        <ul class="todo-items">
                                            {drops.into_iter().map(|d| view! { <DropEntry drop=d period/> }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// One unit's drop, linked to its page on that month.
#[component]
fn DropEntry(drop: RankMove, period: PeriodSel) -> impl IntoView {
    let s = use_session();
    let href = format!("/units/{}?{}", drop.unit_id, period.to_query());
    let (now, before) = (
        drop.rank.unwrap_or_default().to_string(),
        drop.previous_rank.unwrap_or_default().to_string(),
    );
    let places = drop.drop().unwrap_or_default();
    view! {
        <li class="todo-item" data-testid="rank-drop" data-unit=drop.unit_id.clone()>
            <A href=href attr:class="todo-link">
                <span class="todo-main">
                    <strong class="todo-unit">{drop.unit_name}</strong>
                    <span class="todo-facts">{move || fill(s.t(Key::RankDropLine), &[&before, &now])}</span>
                </span>
                <span class="badge st-off"><span aria-hidden="true">"▼ "</span>{places}</span>
            </A>
        </li>
    }
}
