//! Xếp hạng: the published (frozen) rankings — each row with its change since the previous
//! period and its frozen total and groups ("Cách tính") — and publishing one (ADMIN, after a
//! preview) or withdrawing one (ADMIN, with a reason; an ADMIN still sees it, marked).

use crate::api::gql;
use crate::api::ops::published_rankings::PublishedRanking;
use crate::api::ops::{PublishedRankings, published_rankings};
use crate::components::{
    Col, DeltaMark, Empty, ErrorBox, ExplainButton, ExplainSource, GroupSubtotal, Loading,
    PeriodSel, ScoreSummary, Table, page_period,
};
use crate::format::{format_datetime, format_score};
use crate::i18n::{self, Key, fill};
use crate::pages::OpenOnLatest;
use crate::pages::dashboard::MergedMark;
use crate::pages::ranking_safeguards::{PublishForm, WithdrawButton};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/rankings`: the period to publish is the address's or the caller's unit's latest month
/// with figures, and is kept in the address.
#[component]
pub fn RankingsPage() -> impl IntoView {
    let s = use_session();
    let unit = s.me_untracked().map(|m| m.unit.id).unwrap_or_default();
    let page = Callback::new(|initial| view! { <RankingsView initial/> }.into_any());
    view! { <OpenOnLatest unit_id=unit page/> }
}

/// The rankings page from its first period on.
#[component]
fn RankingsView(initial: PeriodSel) -> impl IntoView {
    let s = use_session();
    let period = page_period(initial);
    let is_admin = s.me_untracked().is_some_and(|m| m.is_admin());
    let list = LocalResource::new(move || async move {
        gql::<PublishedRankings>(s, published_rankings::Variables { year: None })
            .await
            .map(|d| {
                let groups: Vec<(String, String)> = d
                    .indicator_groups
                    .into_iter()
                    .map(|g| (g.code, g.name))
                    .collect();
                (d.published_rankings, groups)
            })
    });
    view! {
        <section class="page" data-testid="rankings-page">
            <header class="page-head"><h1>{tr(Key::RankingsTitle)}</h1></header>
            {is_admin.then(|| view! { <PublishForm period on_published=Callback::new(move |_| list.refetch())/> })}
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| list.refetch())/> }.into_any(),
                        Ok((v, _)) if v.is_empty() => view! { <Empty key=Key::NoRankings/> }.into_any(),
                        Ok((v, groups)) => v.into_iter().map(|r| view! { <RankingPanel ranking=r groups=groups.clone() on_withdrawn=Callback::new(move |_| list.refetch())/> }).collect_view().into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// A published ranking, its rows shown on demand; `groups` names the catalogue's groups. A
/// withdrawn one (only ADMINs see those) is marked, with who, when and why.
#[component]
fn RankingPanel(
    ranking: PublishedRanking,
    groups: Vec<(String, String)>,
    on_withdrawn: Callback<()>,
) -> impl IntoView {
    let s = use_session();
    let is_admin = s.me_untracked().is_some_and(|m| m.is_admin());
    let withdrawn = ranking.withdrawn;
    let note = withdrawn.then(|| {
        let at = ranking
            .withdrawn_at
            .as_deref()
            .map(format_datetime)
            .unwrap_or_default();
        let by = ranking.withdrawn_by.clone().unwrap_or_default();
        let why = ranking.withdrawal_reason.clone().unwrap_or_default();
        view! {
            <p class="withdrawn-note" data-testid="ranking-withdrawn-note">
                {move || fill(s.t(Key::WithdrawnNote), &[&at, &by, &why])}
            </p>
        }
    });
    let panel_class = if withdrawn {
        "panel ranking-withdrawn"
    } else {
        "panel"
    };
    let withdraw = (is_admin && !withdrawn)
        .then(|| view! { <WithdrawButton ranking=ranking.clone() on_withdrawn/> });
    let open = RwSignal::new(false);
    let p = ranking.period.clone();
    let query = format!(
        "?year={}&kind={}&index={}",
        p.year,
        p.kind.as_str(),
        p.index.unwrap_or(12)
    );
    let groups = StoredValue::new(groups);
    let query = StoredValue::new(query);
    let period = PeriodSel {
        year: p.year as i32,
        kind: p.kind,
        index: p.index.map_or(12, |i| i as u32),
    };
    let kind = ranking.kind;
    let count = ranking.rows.len();
    let rows = StoredValue::new(ranking.rows);
    view! {
        <section class=panel_class data-testid=format!("ranking-{}", ranking.id)>
            <h2>
                {move || format!("{} — {}", i18n::period_label(s.lang.get(), p.year as i32, p.kind, p.index.map(|i| i as u32)), s.t(i18n::unit_kind(kind)))}
                {withdrawn.then(|| view! { " "<span class="badge badge-withdrawn" data-testid="ranking-withdrawn">{tr(Key::WithdrawnBadge)}</span> })}
            </h2>
            <p class="muted">{tr(Key::PublishedAt)}": "{format_datetime(&ranking.published_at)}</p>
            {note}
            <button type="button" class="btn btn-small" data-testid="ranking-toggle" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>
                {move || format!("{} ({count})", s.t(if open.get() { Key::Hide } else { Key::Show }))}
            </button>
            {withdraw}
            <Show when=move || open.get()>
                <Table testid="ranking-rows" cols=vec![Col::num(Key::Rank), Col::text(Key::Unit), Col::num(Key::Score)]>
                            {rows.get_value().into_iter().map(|r| {
                                let summary = ScoreSummary {
                                    unit_id: r.unit.id.clone(),
                                    unit_name: r.unit.name.clone(),
                                    score: r.score,
                                    earned: r.earned,
                                    available: r.available,
                                    groups: r.groups.iter().map(|g| GroupSubtotal {
                                        code: g.group.clone(),
                                        earned: g.earned,
                                        available: g.available,
                                    }).collect(),
                                };
                                let source = ExplainSource::Frozen {
                                    period,
                                    groups: groups.get_value(),
                                    unit_link: format!("/units/{}{}", r.unit.id, query.get_value()),
                                };
                                view! {
                                    <tr data-testid=format!("ranking-row-{}", r.unit.id)>
                                        <td class="num rank-cell">
                                            <span data-testid="score-rank">{r.rank.map(|n| n.to_string()).unwrap_or_else(|| "–".to_owned())}</span>
                                            <DeltaMark rank=r.rank previous_rank=r.previous_rank score=r.score previous_score=r.previous_score/>
                                        </td>
                                        <td><A href=format!("/units/{}", r.unit.id)>{r.unit.name.clone()}</A>
                                            {r.merged_on.clone().map(|d| view! { <MergedMark day=d/> })}</td>
                                        <td class="num score-cell">
                                            <strong data-testid="score-value">{format_score(r.score)}</strong>
                                            <ExplainButton summary source/>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                </Table>
            </Show>
        </section>
    }
}
