//! One module per page (or group of pages), and what several pages load alike.

pub mod admin;
pub mod approvals;
pub mod dashboard;
pub mod import;
pub mod login;
pub mod rankings;
pub mod report;
pub mod targets;
pub mod unit;
pub mod violations;

use crate::api::ops::units::UnitRow;
use crate::api::ops::{Staff, Units, staff, units};
use crate::api::{ApiError, gql};
use crate::components::{ChoiceSelect, Loading, sort_units};
use crate::i18n::Key;
use crate::state::{Session, use_session};
use leptos::prelude::*;

/// All units in scope, sorted for a selector.
pub async fn load_units(s: Session) -> Result<Vec<UnitRow>, ApiError> {
    let vars = units::Variables {
        parent_id: None,
        kind: None,
        search: None,
    };
    let mut units = gql::<Units>(s, vars).await?.units;
    sort_units(&mut units);
    Ok(units)
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
