//! A unit's own score on its page: the score, its rank among the units of its kind in the
//! caller's scope, the change since the previous period and the "Cách tính" panel.

use crate::api::gql;
use crate::api::ops::{UnitScore, unit_score};
use crate::components::{
    DeltaMark, ErrorBox, ExplainButton, ExplainSource, GroupSubtotal, Loading, PeriodSel,
    ScoreSummary,
};
use crate::format::format_score;
use crate::i18n::{Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use shared::UnitKind;

/// The score of unit `unit_id` (of `kind`) over `period`.
#[component]
pub fn UnitScoreCard(
    unit_id: String,
    unit_name: String,
    kind: UnitKind,
    period: PeriodSel,
) -> impl IntoView {
    let s = use_session();
    let data = LocalResource::new(move || {
        let vars = unit_score::Variables {
            period: period.into(),
            kind,
        };
        async move { gql::<UnitScore>(s, vars).await.map(|d| d.scoreboard) }
    });
    let ids = StoredValue::new((unit_id, unit_name));
    view! {
        <section class="panel unit-score" data-testid="unit-score">
            <h2>{tr(Key::UnitScoreTitle)}</h2>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    let rows = match data.await {
                        Err(e) => return view! { <ErrorBox error=e on_retry=Callback::new(move |_| data.refetch())/> }.into_any(),
                        Ok(rows) => rows,
                    };
                    let (unit_id, unit_name) = ids.get_value();
                    let ranked = rows.iter().filter(|r| r.rank.is_some()).count();
                    let Some(r) = rows.into_iter().find(|r| r.unit.id == unit_id) else {
                        return view! { <p class="state state-empty" data-testid="unit-not-scored">{tr(Key::NotScored)}</p> }.into_any();
                    };
                    let summary = ScoreSummary {
                        unit_id,
                        unit_name,
                        score: r.score,
                        earned: r.earned,
                        available: r.available,
                        groups: r.groups.iter().map(|g| GroupSubtotal {
                            code: g.group.clone(),
                            earned: g.earned,
                            available: g.available,
                        }).collect(),
                    };
                    let rank = r.rank;
                    view! {
                        <div class="score-line">
                            <span class="score-big" data-testid="score-value">{format_score(r.score)}</span>
                            <span class="score-rank" data-testid="score-rank">{move || match rank {
                                Some(n) => fill(s.t(Key::RankOf), &[&n.to_string(), &ranked.to_string()]),
                                None => s.t(Key::Unranked).to_owned(),
                            }}</span>
                            <DeltaMark rank=r.rank previous_rank=r.previous_rank score=r.score previous_score=r.previous_score/>
                            <ExplainButton summary source=ExplainSource::Live(period)/>
                        </div>
                        {r.score.is_none().then(|| view! { <p class="muted">{tr(Key::NotScored)}</p> })}
                    }.into_any()
                })}
            </Transition>
        </section>
    }
}
