//! The session (JWT and the caller's account) and the chosen language, kept in memory and
//! in `localStorage` so that a reload keeps both.

use crate::i18n::{Key, Lang};
use leptos::prelude::*;
use shared::Role;

const TOKEN_KEY: &str = "chitieu.token";
const LANG_KEY: &str = "chitieu.lang";

/// The caller's unit.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRef {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its code.
    pub code: String,
}

/// The caller's account (from `login` or `me`, see `api::ops::login::Account`).
#[derive(Debug, Clone, PartialEq)]
pub struct Me {
    /// The account's id.
    pub id: String,
    /// The login name.
    pub username: String,
    /// What the account may do.
    pub role: Role,
    /// The unit the account belongs to (its scope).
    pub unit: UnitRef,
    /// Its password was reset by an ADMIN: the user is asked to change it.
    pub must_change_password: bool,
}

impl Me {
    /// May enter and submit monthly figures.
    pub fn can_report(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Manager | Role::Officer)
    }
    /// May approve, reject and reopen monthly reports, set and split targets, record
    /// violations.
    pub fn can_manage(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Manager)
    }
    /// The provincial office.
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

/// The state every page reads: copyable handles to signals.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    /// The bearer token, `None` when logged out.
    pub token: RwSignal<Option<String>>,
    /// The caller's account once known.
    pub me: RwSignal<Option<Me>>,
    /// Why the user is looking at the login form (logged out, session expired…).
    pub notice: RwSignal<Option<Key>>,
    /// The UI language.
    pub lang: RwSignal<Lang>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn stored(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

fn store(key: &str, value: Option<&str>) {
    if let Some(s) = storage() {
        // Storage may be full or disabled (private mode); the session then lives in memory only.
        let _ = match value {
            Some(v) => s.set_item(key, v),
            None => s.remove_item(key),
        };
    }
}

impl Session {
    /// Reads the token and the language left in `localStorage`.
    pub fn load() -> Self {
        let lang = match stored(LANG_KEY).as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Vi,
        };
        Session {
            token: RwSignal::new(stored(TOKEN_KEY).filter(|t| !t.is_empty())),
            me: RwSignal::new(None),
            notice: RwSignal::new(None),
            lang: RwSignal::new(lang),
        }
    }

    /// Starts a session after a successful login.
    pub fn login(&self, token: String, me: Me) {
        store(TOKEN_KEY, Some(&token));
        self.notice.set(None);
        self.token.set(Some(token));
        self.me.set(Some(me));
    }

    /// Ends the session; `why` is shown above the login form.
    pub fn logout(&self, why: Option<Key>) {
        store(TOKEN_KEY, None);
        self.token.set(None);
        self.me.set(None);
        self.notice.set(why);
    }

    /// Switches the language and remembers it.
    pub fn set_lang(&self, lang: Lang) {
        store(LANG_KEY, Some(lang.code()));
        self.lang.set(lang);
        if let Some(doc) = web_sys::window().and_then(|w| w.document())
            && let Some(root) = doc.document_element()
        {
            let _ = root.set_attribute("lang", lang.code());
        }
    }

    /// The text of `key` in the current language (reactive).
    pub fn t(&self, key: Key) -> &'static str {
        key.text(self.lang.get())
    }

    /// The caller's account, untracked (pages are only shown once it is known).
    pub fn me_untracked(&self) -> Option<Me> {
        self.me.get_untracked()
    }
}

/// The session of the app.
pub fn use_session() -> Session {
    // The App provides it before anything else is rendered.
    use_context::<Session>().unwrap_or_else(Session::load)
}

/// The text of `key` in the current language, as a reactive view or attribute value.
///
/// One function, so every translated text node shares one closure type: the renderer's
/// generic code is instantiated once instead of once per text (a large wasm saving).
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let s = use_session();
    move || s.t(key)
}
