//! One module per page (or group of pages), and what several pages load alike: the units,
//! a unit's staff, and the period a page opens on.

pub mod admin;
pub mod approvals;
pub mod dashboard;
pub mod explanations;
pub mod formulas;
pub mod home;
pub mod import;
pub mod login;
pub mod mail;
pub mod ranking_safeguards;
pub mod rankings;
pub mod report;
pub mod staff_figures;
pub mod targets;
pub mod unit;
pub mod unit_score;
pub mod unit_staff;
pub mod unit_timeliness;
pub mod violations;

use crate::api::ops::units::UnitRow;
use crate::api::ops::{LatestMonth, Staff, Units, latest_month, staff, units};
use crate::api::{ApiError, gql};
use crate::components::{ChoiceSelect, Loading, PeriodSel, sort_units};
use crate::i18n::Key;
use crate::state::{Session, use_session};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// All units in scope, sorted for a selector.
pub async fn load_units(s: Session) -> Result<Vec<UnitRow>, ApiError> {
    let vars = units::Variables {
        parent_id: None,
        kind: None,
        search: None,
        as_of: None,
    };
    let mut units = gql::<Units>(s, vars).await?.units;
    sort_units(&mut units);
    Ok(units)
}

/// The latest month with figures counted in a unit's results, or the last closed month when
/// it has none. A failed question falls back too: the page's own request then shows why.
pub async fn latest_period(s: Session, unit_id: String) -> PeriodSel {
    let latest = gql::<LatestMonth>(s, latest_month::Variables { id: unit_id })
        .await
        .ok()
        .and_then(|d| d.unit)
        .and_then(|u| u.latest_month)
        .map(|m| (m.year, m.month));
    PeriodSel::latest_or_last_closed(latest)
}

/// A page built for the period its address names or, when it names none, for the latest
/// month with figures of `unit_id` (asked first; "Đang tải…" meanwhile).
#[component]
pub fn OpenOnLatest(
    /// The unit whose latest month the page opens on.
    #[prop(into)]
    unit_id: String,
    /// Builds the page for its first period.
    page: Callback<PeriodSel, AnyView>,
) -> impl IntoView {
    let s = use_session();
    if let Some(p) = use_query_map().with_untracked(PeriodSel::named_by) {
        return untrack(|| page.run(p));
    }
    let latest = LocalResource::new(move || latest_period(s, unit_id.clone()));
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                let p = latest.await;
                untrack(|| page.run(p))
            })}
        </Suspense>
    }
    .into_any()
}

/// A unit's staff.
pub async fn load_staff(s: Session, unit_id: String) -> Result<Vec<staff::StaffRow>, ApiError> {
    Ok(gql::<Staff>(s, staff::Variables { unit_id }).await?.staff)
}

/// A labelled select of a unit's staff (`name — position`) with a first "none" choice, bound
/// to `selected`; the list follows `unit`.
#[component]
pub fn StaffSelect(
    id: &'static str,
    label: Key,
    unit: RwSignal<String>,
    selected: RwSignal<String>,
    /// Adds "(tùy chọn)" to the label.
    #[prop(optional)]
    optional: bool,
) -> impl IntoView {
    let s = use_session();
    let staff = LocalResource::new(move || load_staff(s, unit.get()));
    view! {
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                let choices = staff.await.unwrap_or_default().into_iter()
                    .map(|p| (p.id, format!("{} — {}", p.full_name, p.position))).collect();
                view! { <ChoiceSelect id label selected choices none=Key::NoStaffOption optional/> }
            })}
        </Transition>
    }
}
