//! Quản trị (ADMIN), in sections behind tabs, each its own address: the units (the unit
//! tree as of a date with its search, create, edit, move, deactivate), the accounts (the
//! searchable list with lock, unlock and password reset; create accounts and staff), API
//! tokens, the indicator catalogue (points, rule, threshold, in use), the reorganisation of
//! units (merge, move, rename, close from a date); the reporting calendar; webhooks; the
//! outbox; the causes of explanations and their settings.

mod accounts;
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

pub use accounts::AccountsPage;
pub use calendar::CalendarPage;
pub use explanation::ExplanationAdminPage;
pub use outbox::OutboxPage;
pub use webhooks::WebhooksPage;

use crate::api::ops::units::UnitRow;
use crate::components::{ErrorBox, Flash, Loading};
use crate::pages::load_units;
use crate::state::use_session;
use catalogue::IndicatorCataloguePanel;
use create::CreateUnitForm;
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

/// The units in scope, then `body` with them (loading and error states around it).
fn with_units(
    units: LocalResource<Result<Vec<UnitRow>, crate::api::ApiError>>,
    body: impl Fn(Vec<UnitRow>) -> AnyView + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match units.await {
                    Err(e) => view! { <ErrorBox error=e on_retry=Callback::new(move |_| units.refetch())/> }.into_any(),
                    Ok(list) => body(list),
                }
            })}
        </Transition>
    }
}

/// `/admin`: the unit tree (searchable, as of a day) and the form that creates a unit.
#[component]
pub fn AdminPage() -> impl IntoView {
    let s = use_session();
    let units = LocalResource::new(move || load_units(s));
    // Outlives the form, which is rebuilt when the unit list reloads after a creation.
    let unit_flash = RwSignal::new(None::<Flash>);
    let tree_reload = RwSignal::new(0u32);
    let tree_flash = RwSignal::new(None::<Flash>);
    let created = Callback::new(move |_| {
        units.refetch();
        tree_reload.update(|n| *n += 1)
    });
    view! {
        <AdminSection testid="admin-page">
            {with_units(units, move |list| view! {
                <CreateUnitForm units=list flash=unit_flash on_created=created/>
            }.into_any())}
            <UnitTreePanel reload=tree_reload flash=tree_flash on_changed=Callback::new(move |_| units.refetch())/>
        </AdminSection>
    }
}

/// `/admin/tokens`: the API tokens of other systems.
#[component]
pub fn TokensPage() -> impl IntoView {
    let s = use_session();
    let units = LocalResource::new(move || load_units(s));
    view! {
        <AdminSection testid="admin-tokens-page">
            {with_units(units, |list| view! { <ApiTokensPanel units=list/> }.into_any())}
        </AdminSection>
    }
}

/// `/admin/catalogue`: the indicator catalogue.
#[component]
pub fn CataloguePage() -> impl IntoView {
    view! {
        <AdminSection testid="admin-catalogue-page">
            <IndicatorCataloguePanel/>
        </AdminSection>
    }
}

/// `/admin/reorg`: merging, moving, renaming and closing units from a date.
#[component]
pub fn ReorgPage() -> impl IntoView {
    let s = use_session();
    let units = LocalResource::new(move || load_units(s));
    let reorg_flash = RwSignal::new(None::<Flash>);
    let reorg_done = RwSignal::new(None);
    let reorganised = Callback::new(move |_| units.refetch());
    view! {
        <AdminSection testid="admin-reorg-page">
            {with_units(units, move |list| view! {
                <ReorgPanel units=list flash=reorg_flash done=reorg_done on_changed=reorganised/>
            }.into_any())}
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
