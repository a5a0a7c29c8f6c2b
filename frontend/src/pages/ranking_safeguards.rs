//! Publishing and withdrawing a ranking, each behind a confirmation: the publish form asks
//! for a preview of what would be frozen (warning of a period without figures, which must
//! be confirmed with a tick), and a published ranking is withdrawn only with a reason.

use crate::api::ops::published_rankings::PublishedRanking;
use crate::api::ops::{
    PublishRanking, RankingPreview, WithdrawRanking, publish_ranking, ranking_preview,
    withdraw_ranking,
};
use crate::api::{ApiError, gql};
use crate::components::{
    ConfirmDialog, EnumSelect, ErrorBox, Flash, FlashView, PeriodPicker, PeriodSel, Submit,
};
use crate::format::format_score;
use crate::i18n::{self, Key, fill};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use shared::UnitKind;

const KINDS: [UnitKind; 6] = [
    UnitKind::Commune,
    UnitKind::Department,
    UnitKind::District,
    UnitKind::Division,
    UnitKind::Center,
    UnitKind::Other,
];

/// Rows of the preview shown in the dialog; the rest are counted.
const SHOWN_ROWS: usize = 10;

/// The preview being confirmed: its period and kind, and the server's answer.
#[derive(Clone)]
struct Pending {
    period: PeriodSel,
    kind: UnitKind,
    preview: ranking_preview::RankingPreviewRankingPreview,
}

/// "Xem trước để công bố": previews the ranking of the chosen period and kind, then
/// publishes it from the confirmation dialog (ADMIN).
#[component]
pub fn PublishForm(period: RwSignal<PeriodSel>, on_published: Callback<()>) -> impl IntoView {
    let s = use_session();
    let kind = RwSignal::new(UnitKind::Commune);
    let flash = RwSignal::new(None::<Flash>);
    let pending = RwSignal::new(None::<Pending>);
    let previewing = Submit::new(flash);
    let busy = previewing.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (p, k) = (period.get_untracked(), kind.get_untracked());
        let vars = ranking_preview::Variables {
            period: p.into(),
            kind: k,
        };
        previewing.run(gql::<RankingPreview>(s, vars), move |d| {
            pending.set(Some(Pending {
                period: p,
                kind: k,
                preview: d.ranking_preview,
            }));
            None
        });
    };
    let close = Callback::new(move |()| pending.set(None));
    let published = Callback::new(move |()| {
        pending.set(None);
        flash.set(Some(Flash::Ok(Key::Published)));
        on_published.run(());
    });
    view! {
        <form class="panel" data-testid="publish-form" on:submit=submit>
            <h2>{tr(Key::Publish)}</h2>
            <p class="muted">{tr(Key::PublishHint)}</p>
            <div class="inline-fields">
                <PeriodPicker period/>
                <EnumSelect id="publish-kind" label=Key::UnitKind value=kind options=&KINDS/>
            </div>
            <FlashView flash testid="publish-result"/>
            <div class="actions"><button type="submit" class="btn btn-primary" data-testid="publish-submit" disabled=move || busy.get()>{tr(Key::PublishPreview)}</button></div>
        </form>
        {move || pending.get().map(|p| view! { <PublishDialog pending=p on_cancel=close on_published=published/> })}
    }
}

/// The confirmation of a publication: the rows that would be frozen, the warning of an
/// empty period and its tick, and the publish / cancel buttons.
#[component]
fn PublishDialog(
    pending: Pending,
    on_cancel: Callback<()>,
    on_published: Callback<()>,
) -> impl IntoView {
    let s = use_session();
    let Pending {
        period,
        kind,
        preview,
    } = pending;
    let empty = preview.scored_count == 0;
    let total = preview.rows.len();
    let scored = preview.scored_count;
    let confirmed = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let flash = RwSignal::new(None::<Flash>);
    let sending = Submit::new(flash);
    let busy = sending.pending();
    let title = Signal::derive(move || {
        let lang = s.lang.get();
        let label = i18n::period_label(lang, period.year, period.kind, period.index_opt());
        fill(
            s.t(Key::PublishConfirmTitle),
            &[&label, s.t(i18n::unit_kind(kind))],
        )
    });
    let publish = move |_| {
        if empty && !confirmed.get_untracked() {
            sending.invalid(Key::ConfirmEmptyFirst.text(s.lang.get_untracked()));
            return;
        }
        let vars = publish_ranking::Variables {
            period: period.into(),
            kind,
            confirm_empty: empty.then_some(true),
        };
        sending.run_with(gql::<PublishRanking>(s, vars), move |r| match r {
            Ok(_) => {
                on_published.run(());
                None
            }
            Err(e) => {
                error.set(Some(e));
                None
            }
        });
    };
    let more = total.saturating_sub(SHOWN_ROWS);
    let rows = preview
        .rows
        .into_iter()
        .take(SHOWN_ROWS)
        .collect::<Vec<_>>();
    view! {
        <ConfirmDialog title testid="publish-dialog" on_cancel>
            <p>{tr(Key::PublishIrreversible)}</p>
            <p data-testid="publish-preview-count">{move || fill(s.t(Key::PreviewScored), &[&scored.to_string(), &total.to_string()])}</p>
            {empty.then(|| view! {
                <div class="warning-box" role="alert" data-testid="publish-empty-warning">
                    <p><span aria-hidden="true">"⚠ "</span>{tr(Key::EmptyPeriodWarning)}</p>
                    <label class="check">
                        <input type="checkbox" data-testid="publish-confirm-empty" bind:checked=confirmed/>
                        " "{tr(Key::ConfirmEmptyPublish)}
                    </label>
                </div>
            })}
            <ol class="preview-rows" data-testid="publish-preview-rows">
                {rows.into_iter().map(|r| view! {
                    <li>
                        <span class="rank">{r.rank.map(|n| n.to_string()).unwrap_or_else(|| "–".to_owned())}</span>
                        " "<span>{r.unit.name}</span>" "
                        <strong class="num">{format_score(r.score)}</strong>
                    </li>
                }).collect_view()}
            </ol>
            {(more > 0).then(|| view! { <p class="muted">{move || fill(s.t(Key::PreviewMore), &[&more.to_string()])}</p> })}
            <FlashView flash testid="publish-dialog-result"/>
            {move || error.get().map(|e| view! { <ErrorBox error=e/> })}
            <div class="actions">
                <button type="button" class="btn btn-primary" data-testid="publish-confirm" disabled=move || busy.get()
                    on:click=publish>{tr(Key::Publish)}</button>
                <button type="button" class="btn" data-testid="publish-cancel" data-autofocus=""
                    on:click=move |_| on_cancel.run(())>{tr(Key::Cancel)}</button>
            </div>
        </ConfirmDialog>
    }
}

/// "Rút bảng xếp hạng": the button of a standing ranking and the dialog that asks for the
/// reason (ADMIN).
#[component]
pub fn WithdrawButton(ranking: PublishedRanking, on_withdrawn: Callback<()>) -> impl IntoView {
    let s = use_session();
    let open = RwSignal::new(false);
    let id = StoredValue::new(ranking.id.clone());
    let p = ranking.period.clone();
    let kind = ranking.kind;
    let title = Signal::derive(move || {
        let label = i18n::period_label(
            s.lang.get(),
            p.year as i32,
            p.kind,
            p.index.map(|i| i as u32),
        );
        fill(
            s.t(Key::WithdrawTitle),
            &[&label, s.t(i18n::unit_kind(kind))],
        )
    });
    let reason = RwSignal::new(String::new());
    let flash = RwSignal::new(None::<Flash>);
    let sending = Submit::new(flash);
    let busy = sending.pending();
    let cancel = Callback::new(move |()| {
        open.set(false);
        flash.set(None);
    });
    let withdraw = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let r = reason.get_untracked();
        if r.trim().is_empty() {
            sending.invalid(Key::WithdrawReasonRequired.text(s.lang.get_untracked()));
            return;
        }
        let vars = withdraw_ranking::Variables {
            id: id.get_value(),
            reason: r.trim().to_owned(),
        };
        sending.run(gql::<WithdrawRanking>(s, vars), move |_| {
            open.set(false);
            on_withdrawn.run(());
            None
        });
    };
    view! {
        <button type="button" class="btn btn-small btn-danger" data-testid="ranking-withdraw" aria-haspopup="dialog"
            on:click=move |_| open.set(true)>{tr(Key::WithdrawRanking)}</button>
        <Show when=move || open.get()>
            <ConfirmDialog title testid="withdraw-dialog" on_cancel=cancel>
                <p>{tr(Key::WithdrawExplain)}</p>
                <form class="form" on:submit=withdraw novalidate>
                    <label for="withdraw-reason">{tr(Key::WithdrawReason)}</label>
                    <textarea id="withdraw-reason" data-testid="withdraw-reason" required data-autofocus="" maxlength="500"
                        bind:value=reason></textarea>
                    <FlashView flash testid="withdraw-result"/>
                    <div class="actions">
                        <button type="submit" class="btn btn-danger" data-testid="withdraw-confirm" disabled=move || busy.get()>{tr(Key::WithdrawConfirm)}</button>
                        <button type="button" class="btn" data-testid="withdraw-cancel" on:click=move |_| cancel.run(())>{tr(Key::Cancel)}</button>
                    </div>
                </form>
            </ConfirmDialog>
        </Show>
    }
}
