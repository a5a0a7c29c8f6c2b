//! The app: session bootstrap, the shell (top bar, role-filtered menu with the to-do counts)
//! and every route.

use crate::api::ops::todo::TodoItem;
use crate::api::ops::{Logout, Me as MeQuery, logout, me};
use crate::api::{ApiError, gql};
use crate::components::{ErrorBox, LangToggle, Loading, Submit};
use crate::cycle::todo::approvals_waiting;
use crate::i18n::{self, Key};
use crate::pages;
use crate::pages::home::TodoFeed;
use crate::state::{Me, Session, tr, use_session};
use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;
use shared::{ErrorCode, Role};

#[derive(Debug, Clone, PartialEq)]
enum Boot {
    LoggedOut,
    Loading,
    Failed(ApiError),
    Ready,
}

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::load();
    provide_context(session);
    session.set_lang(session.lang.get_untracked());
    let boot_error = RwSignal::new(None::<ApiError>);
    let attempt = RwSignal::new(0u32);

    // A token from localStorage: learn whose it is before showing anything.
    let whoami = Submit::new(RwSignal::new(None));
    let whoami_request = move |()| gql::<MeQuery>(session, me::Variables);
    let whoami_done = move |r: Result<me::ResponseData, ApiError>| {
        match r {
            Ok(d) => session.me.set(Some(d.me.into())),
            Err(e) if e.code == Some(ErrorCode::Unauthenticated) => {}
            Err(e) => boot_error.set(Some(e)),
        }
        None
    };
    Effect::new(move |_| {
        attempt.track();
        if session.token.get().is_some() && session.me.get().is_none() {
            boot_error.set(None);
            whoami.run_with(whoami_request(()), whoami_done);
        }
    });

    let boot = Memo::new(move |_| {
        match (
            session.token.get().is_some(),
            session.me.with(Option::is_some),
        ) {
            (_, true) => Boot::Ready,
            (false, false) => Boot::LoggedOut,
            (true, false) => boot_error.get().map_or(Boot::Loading, Boot::Failed),
        }
    });

    let signed_in = Signal::derive(move || boot.get() == Boot::Ready);
    let booting = Signal::derive(move || matches!(boot.get(), Boot::Loading | Boot::Failed(_)));
    view! {
        <Router>
            <PageTitle signed_in booting/>
            {move || match boot.get() {
                Boot::Ready => view! { <Shell/> }.into_any(),
                Boot::LoggedOut => view! { <pages::login::LoginPage/> }.into_any(),
                Boot::Loading => view! { <main class="boot"><Loading/></main> }.into_any(),
                Boot::Failed(e) => view! {
                    <main class="boot">
                        <ErrorBox error=e on_retry=Callback::new(move |_| attempt.update(|n| *n += 1))/>
                        <button type="button" class="btn" on:click=move |_| session.logout(None)>
                            {tr(Key::Logout)}
                        </button>
                    </main>
                }.into_any(),
            }}
        </Router>
    }
}

struct NavItem {
    href: String,
    key: Key,
    testid: &'static str,
    allowed: fn(&Me) -> bool,
    /// What the entry counts in the caller's to-do list ("Duyệt số liệu (12)").
    count: Option<fn(&[TodoItem]) -> i64>,
}

impl NavItem {
    fn new(
        href: impl Into<String>,
        key: Key,
        testid: &'static str,
        allowed: fn(&Me) -> bool,
    ) -> Self {
        NavItem {
            href: href.into(),
            key,
            testid,
            allowed,
            count: None,
        }
    }

    fn counting(mut self, count: fn(&[TodoItem]) -> i64) -> Self {
        self.count = Some(count);
        self
    }
}

fn nav_items(me: &Me) -> Vec<NavItem> {
    let all: Vec<NavItem> = vec![
        NavItem::new("/", Key::NavTodo, "nav-todo", |_| true).counting(|l| l.len() as i64),
        NavItem::new("/dashboard", Key::NavDashboard, "nav-dashboard", |_| true),
        NavItem::new(
            format!("/units/{}", me.unit.id),
            Key::NavMyUnit,
            "nav-my-unit",
            |_| true,
        ),
        NavItem::new("/report", Key::NavReport, "nav-report", Me::can_report),
        NavItem::new("/import", Key::NavImport, "nav-import", Me::can_report),
        NavItem::new(
            "/approvals",
            Key::NavApprovals,
            "nav-approvals",
            Me::can_manage,
        )
        .counting(approvals_waiting),
        NavItem::new(
            "/explanations",
            Key::NavExplanations,
            "nav-explanations",
            |m| m.role != Role::Officer,
        ),
        NavItem::new("/targets", Key::NavTargets, "nav-targets", |_| true),
        NavItem::new("/violations", Key::NavViolations, "nav-violations", |_| {
            true
        }),
        NavItem::new("/rankings", Key::NavRankings, "nav-rankings", |_| true),
        NavItem::new("/formulas", Key::NavFormulas, "nav-formulas", |_| true),
        NavItem::new("/admin", Key::NavAdmin, "nav-admin", Me::is_admin),
    ];
    all.into_iter().filter(|i| (i.allowed)(me)).collect()
}

/// Top bar, menu and the routed page.
#[component]
fn Shell() -> impl IntoView {
    let s = use_session();
    let me = s.me_untracked();
    let feed = TodoFeed::provide(s);
    let menu_open = RwSignal::new(false);
    // Ends the session on the server too (its token is refused from now on); the browser
    // forgets it whatever the answer.
    let log_out = Submit::new(RwSignal::new(None));
    let log_out_request = move |()| gql::<Logout>(s, logout::Variables);
    let log_out_done = move |_| {
        s.logout(Some(Key::LoggedOut));
        None
    };
    let items = me.as_ref().map(nav_items).unwrap_or_default();
    let who = me
        .as_ref()
        .map(|m| (m.username.clone(), m.role, m.unit.name.clone()));
    view! {
        <a class="skip-link" href="#main">{tr(Key::SkipToContent)}</a>
        <header class="topbar" class:menu-open=move || menu_open.get()>
            <button type="button" class="btn btn-ghost menu-toggle" data-testid="menu-toggle"
                aria-controls="main-nav" aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|o| *o = !*o)>
                <span aria-hidden="true">{move || if menu_open.get() { "✕ " } else { "☰ " }}</span>
                {move || s.t(if menu_open.get() { Key::CloseMenu } else { Key::OpenMenu })}
            </button>
            <a href="/" class="brand" data-testid="brand">{tr(Key::AppName)}</a>
            {who.map(|(name, role, unit)| view! {
                <p class="who" data-testid="current-user">
                    <span class="sr-only">{tr(Key::SignedInAs)}" "</span>
                    <strong data-testid="current-username">{name}</strong>
                    <span class="who-role" data-testid="current-role" data-role=role.as_str()>{tr(i18n::role(role))}</span>
                    <span class="who-unit">{unit}</span>
                </p>
            })}
            <div class="topbar-actions">
                <LangToggle/>
                <A href="/account" attr:class="btn btn-ghost session-action" attr:data-testid="nav-account">{tr(Key::Account)}</A>
                <button type="button" id="logout" data-testid="logout" class="btn btn-ghost session-action"
                    on:click=move |_| log_out.run_with(log_out_request(()), log_out_done)>
                    {tr(Key::Logout)}
                </button>
            </div>
        </header>
        <div class="layout">
            <nav id="main-nav" class="sidenav" class:open=move || menu_open.get()
                aria-label=tr(Key::MainMenu) on:click=move |_| menu_open.set(false)>
                <ul>
                    {items.into_iter().map(|i| {
                        let key = i.key;
                        let exact = i.href == "/" || i.href == "/admin";
                        let count = i.count.map(|f| move || {
                            feed.loaded().map(|l| f(&l)).filter(|n| *n > 0).map(|n| view! {
                                " "<span class="nav-count" data-testid=format!("{}-count", i.testid)>"("{n}")"</span>
                            })
                        });
                        view! {
                            <li><A href=i.href exact=exact attr:data-testid=i.testid>{tr(key)}{count}</A></li>
                        }
                    }).collect_view()}
                </ul>
            </nav>
            <main id="main" tabindex="-1">
                {move || s.me.get().filter(|m| m.must_change_password).map(|_| view! {
                    <p class="flash flash-info must-change" role="status" data-testid="must-change-password">
                        {tr(Key::MustChangePassword)}" "<A href="/account" attr:data-testid="must-change-link">{tr(Key::ChangeNow)}</A>
                    </p>
                })}
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=pages::home::HomePage/>
                    <Route path=path!("/dashboard") view=pages::dashboard::DashboardPage/>
                    <Route path=path!("/units/:id") view=pages::unit::UnitPage/>
                    <Route path=path!("/units/:id/staff-figures") view=|| view! { <Guard allow=Me::can_report><pages::staff_figures::StaffFiguresPage/></Guard> }/>
                    <Route path=path!("/report") view=|| view! { <Guard allow=Me::can_report><pages::report::ReportPage/></Guard> }/>
                    <Route path=path!("/import") view=|| view! { <Guard allow=Me::can_report><pages::import::ImportPage/></Guard> }/>
                    <Route path=path!("/approvals") view=|| view! { <Guard allow=Me::can_manage><pages::approvals::ApprovalsPage/></Guard> }/>
                    <Route path=path!("/explanations") view=pages::explanations::ExplanationsPage/>
                    <Route path=path!("/explanations/:id") view=pages::explanations::ExplanationPage/>
                    <Route path=path!("/admin/explanations") view=|| view! { <Guard allow=Me::is_admin><pages::admin::ExplanationAdminPage/></Guard> }/>
                    <Route path=path!("/targets") view=pages::targets::DecisionsPage/>
                    <Route path=path!("/targets/:id") view=pages::targets::DecisionPage/>
                    <Route path=path!("/violations") view=pages::violations::ViolationsPage/>
                    <Route path=path!("/rankings") view=pages::rankings::RankingsPage/>
                    <Route path=path!("/formulas") view=pages::formulas::FormulasPage/>
                    <Route path=path!("/admin") view=|| view! { <Guard allow=Me::is_admin><pages::admin::AdminPage/></Guard> }/>
                    <Route path=path!("/admin/accounts") view=|| view! { <Guard allow=Me::is_admin><pages::admin::AccountsPage/></Guard> }/>
                    <Route path=path!("/admin/tokens") view=|| view! { <Guard allow=Me::is_admin><pages::admin::TokensPage/></Guard> }/>
                    <Route path=path!("/admin/catalogue") view=|| view! { <Guard allow=Me::is_admin><pages::admin::CataloguePage/></Guard> }/>
                    <Route path=path!("/admin/reorg") view=|| view! { <Guard allow=Me::is_admin><pages::admin::ReorgPage/></Guard> }/>
                    <Route path=path!("/admin/calendar") view=|| view! { <Guard allow=Me::is_admin><pages::admin::CalendarPage/></Guard> }/>
                    <Route path=path!("/admin/webhooks") view=|| view! { <Guard allow=Me::is_admin><pages::admin::WebhooksPage/></Guard> }/>
                    <Route path=path!("/admin/outbox") view=|| view! { <Guard allow=Me::is_admin><pages::admin::OutboxPage/></Guard> }/>
                    <Route path=path!("/account") view=pages::login::AccountPage/>
                </Routes>
            </main>
        </div>
    }
}

/// The page a path shows, as the first part of the browser tab's title.
pub fn title_key(path: &str) -> Key {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [] => Key::NavTodo,
        ["dashboard"] => Key::NavDashboard,
        ["units", _] => Key::TitleUnit,
        ["units", _, "staff-figures"] => Key::EnterStaffFigures,
        ["report"] => Key::NavReport,
        ["import"] => Key::NavImport,
        ["approvals"] => Key::NavApprovals,
        ["explanations"] => Key::NavExplanations,
        ["explanations", _] => Key::TitleExplanation,
        ["targets"] => Key::NavTargets,
        ["targets", _] => Key::TitleDecision,
        ["violations"] => Key::NavViolations,
        ["rankings"] => Key::NavRankings,
        ["formulas"] => Key::NavFormulas,
        ["admin"] => Key::NavAdmin,
        ["admin", "explanations"] => Key::TitleExplanationAdmin,
        ["admin", "calendar"] => Key::CalendarTitle,
        ["admin", "webhooks"] => Key::AdminTabWebhooks,
        ["admin", "outbox"] => Key::OutboxTitle,
        ["account"] => Key::Account,
        _ => Key::TitleNotFound,
    }
}

/// Names the browser tab after the page, in the current language: "Tổng quan · Chỉ tiêu";
/// the login page's "Đăng nhập · Chỉ tiêu"; the app's name alone while the session loads.
#[component]
fn PageTitle(signed_in: Signal<bool>, booting: Signal<bool>) -> impl IntoView {
    let s = use_session();
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        let lang = s.lang.get();
        let app = Key::AppName.text(lang);
        let page = if signed_in.get() {
            Some(title_key(&location.pathname.get()))
        } else if booting.get() {
            None
        } else {
            Some(Key::Login)
        };
        let title = match page {
            Some(k) => format!("{} · {app}", k.text(lang)),
            None => app.to_owned(),
        };
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&title);
        }
    });
}

/// Shows its children only to the roles that may use them.
#[component]
fn Guard(allow: fn(&Me) -> bool, children: ChildrenFn) -> impl IntoView {
    let s = use_session();
    move || {
        if s.me.with(|m| m.as_ref().is_some_and(allow)) {
            children().into_any()
        } else {
            view! {
                <div class="state state-error" role="alert" data-testid="forbidden">
                    <p>{tr(Key::ErrForbidden)}</p>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section class="page" data-testid="not-found">
            <h1>{tr(Key::PageNotFound)}</h1>
            <p><A href="/">{tr(Key::BackHome)}</A></p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_route_has_its_own_title() {
        let title = |p: &str| title_key(p).text(Lang::Vi);
        assert_eq!(title("/dashboard"), "Tổng quan");
        assert_eq!(title("/"), "Việc cần làm");
        assert_eq!(title("/units/12"), "Đơn vị");
        assert_eq!(title("/targets/3"), "Quyết định giao chỉ tiêu");
        assert_eq!(title("/admin/explanations"), "Thiết lập giải trình");
        assert_eq!(title("/nowhere"), "Không tìm thấy trang");
        assert_eq!(title_key("/rankings").text(Lang::En), "Rankings");
    }
}
