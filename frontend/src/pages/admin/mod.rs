//! Quản trị (ADMIN), in sections behind tabs: units and accounts — the unit tree as of a
//! date (edit, move, deactivate), the reorganisation of units (merge, move, rename, close
//! from a date), create units, staff and accounts, create and revoke API tokens, and the
//! indicator catalogue (points, rule, threshold, in use); the reporting calendar; webhooks;
//! the outbox; the causes of explanations and their settings.

mod calendar;
mod catalogue;
mod create;
mod explanation;
mod outbox;
mod reorg;
mod tabs;
mod tokens;
mod tree;
mod webhooks;

pub use calendar::CalendarPage;
pub use explanation::ExplanationAdminPage;
pub use outbox::OutboxPage;
pub use webhooks::WebhooksPage;

use crate::components::{ErrorBox, Flash, Loading};
use crate::pages::load_units;
use crate::state::use_session;
use catalogue::IndicatorCataloguePanel;
use create::{CreateStaffForm, CreateUnitForm, CreateUserForm};
use leptos::prelude::*;
use reorg::ReorgPanel;
use shared::UnitKind;
use tabs::AdminSection;
use tokens::ApiTokensPanel;
use tree::UnitTreePanel;

/// The kinds a unit may have, in the order the forms offer them.
const KINDS: [UnitKind; 7] = [
    UnitKind::Province,
    UnitKind::Department,
    UnitKind::District,
    UnitKind::Commune,
    UnitKind::Division,
    UnitKind::Center,
    UnitKind::Other,
];

/// `/admin`.
#[component]
pub fn AdminPage() -> impl IntoView {
    let s = use_session();
    let units = LocalResource::new(move || load_units(s));
    // Outlives the forms, which are rebuilt when the unit list reloads after a creation.
    let unit_flash = RwSignal::new(None::<Flash>);
    let tree_reload = RwSignal::new(0u32);
    let tree_flash = RwSignal::new(None::<Flash>);
    let reorg_flash = RwSignal::new(None::<Flash>);
    let reorg_done = RwSignal::new(None);
    let reorganised = Callback::new(move |_| {
        units.refetch();
        tree_reload.update(|n| *n += 1)
    });
    view! {
        <AdminSection testid="admin-page">
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match units.await {
                        Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| units.refetch())/> }.into_any(),
                        Ok(list) => view! {
                            <CreateUnitForm units=list.clone() flash=unit_flash on_created=Callback::new(move |_| { units.refetch(); tree_reload.update(|n| *n += 1) })/>
                            <UnitTreePanel reload=tree_reload flash=tree_flash on_changed=Callback::new(move |_| units.refetch())/>
                            <ReorgPanel units=list.clone() flash=reorg_flash done=reorg_done on_changed=reorganised/>
                            <CreateStaffForm units=list.clone()/>
                            <CreateUserForm units=list.clone()/>
                            <ApiTokensPanel units=list/>
                        }.into_any(),
                    }
                })}
            </Transition>
            <IndicatorCataloguePanel/>
        </AdminSection>
    }
}

/// The unit a form starts on: the province, else the first unit listed (an ADMIN below the
/// province sees its own subtree); empty when none.
fn default_unit(units: &[crate::api::ops::units::UnitRow]) -> String {
    units
        .iter()
        .find(|u| u.kind == UnitKind::Province)
        .or(units.first())
        .map(|u| u.id.clone())
        .unwrap_or_default()
}
