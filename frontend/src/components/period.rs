//! The period of a page: the chosen period, the pickers (period, month) and the address
//! bar's query string that keeps it. A page opens on the period its address names, else on
//! the latest month with figures (`pages::OpenOnLatest`), and writes the period it shows
//! back to the address so that a link shows the same view.

use crate::components::fields::{EnumChoice, NumberSelect, YearSelect, year_choices};
use crate::i18n::Key;
use crate::state::{tr, use_session};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};
use leptos_router::params::ParamsMap;
use shared::PeriodKind;

/// A period chosen in the UI, valid by construction of the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodSel {
    pub year: i32,
    pub kind: PeriodKind,
    /// Month (MONTH, YTD) or quarter (QUARTER); ignored for YEAR.
    pub index: u32,
}

/// Today's year and month (1–12) by the browser's clock.
pub fn today() -> (i32, u32) {
    let d = js_sys::Date::new_0();
    (d.get_full_year() as i32, d.get_month() + 1)
}

/// Today by the browser's clock, as an ISO date `2026-11-30`.
pub fn today_iso() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

impl PeriodSel {
    /// A month.
    pub fn month(year: i32, month: u32) -> Self {
        PeriodSel {
            year,
            kind: PeriodKind::Month,
            index: month.clamp(1, 12),
        }
    }

    /// The month a unit's `latestMonth` names (its latest month with figures), or the last
    /// closed month when it has none.
    pub fn latest_or_last_closed(latest: Option<(i64, i64)>) -> Self {
        latest
            .and_then(|(y, m)| {
                let year = i32::try_from(y).ok()?;
                let month = u32::try_from(m).ok().filter(|m| (1..=12).contains(m))?;
                Some(Self::month(year, month))
            })
            .unwrap_or_else(Self::last_closed_month)
    }

    /// The period the address names (`?year=&kind=&index=`; `month=` is read as the index
    /// too), or `None` when it names no year.
    pub fn named_by(query: &ParamsMap) -> Option<Self> {
        let year = query
            .get("year")
            .filter(|y| y.trim().parse::<i32>().is_ok())?;
        let index = query.get("index").or_else(|| query.get("month"));
        Some(Self::from_query(Some(year), query.get("kind"), index))
    }

    /// The last closed month: last month by the browser's clock.
    pub fn last_closed_month() -> Self {
        let (y, m) = today();
        let (year, index) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
        PeriodSel {
            year,
            kind: PeriodKind::Month,
            index,
        }
    }

    /// Reads `?year=&kind=&index=`, falling back to the last closed month.
    pub fn from_query(year: Option<String>, kind: Option<String>, index: Option<String>) -> Self {
        let default = Self::last_closed_month();
        let year = year.and_then(|y| y.parse().ok()).unwrap_or(default.year);
        let kind = kind
            .and_then(|k| k.parse::<PeriodKind>().ok())
            .unwrap_or(default.kind);
        let index = index.and_then(|i| i.parse().ok()).unwrap_or(default.index);
        match shared::Period::new(year, kind, Some(i64::from(index))) {
            Ok(p) => PeriodSel {
                year: p.year(),
                kind: p.kind(),
                index: p.index().unwrap_or(index),
            },
            Err(_) => default,
        }
    }

    /// The last month the period covers (12 for a whole year).
    pub fn last_month(self) -> u32 {
        match self.kind {
            PeriodKind::Year => 12,
            PeriodKind::Quarter => (self.index * 3).clamp(1, 12),
            _ => self.index.clamp(1, 12),
        }
    }

    /// `?year=2023&kind=MONTH&index=12`.
    pub fn to_query(self) -> String {
        format!(
            "year={}&kind={}&index={}",
            self.year,
            self.kind.as_str(),
            self.index
        )
    }

    /// The year the period belongs to, for targets.
    pub fn index_opt(self) -> Option<u32> {
        (self.kind != PeriodKind::Year).then_some(self.index)
    }
}

/// The period of a page that opened on `initial`: each period the address names later (the
/// router's links, back and forward) is taken, and a period picked on the page is written
/// back to the address without a navigation.
pub fn page_period(initial: PeriodSel) -> RwSignal<PeriodSel> {
    let query = use_query_map();
    let period = RwSignal::new(initial);
    // The path is tracked too: the router's copy of the query may be stale after
    // `replace_query`. An address without a period (a menu link) keeps the one shown.
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        if let Some(p) = query.with(PeriodSel::named_by)
            && p != period.get_untracked()
        {
            period.set(p);
        }
    });
    Effect::new(move |_| replace_query(&period.get().to_query()));
    period
}

/// Replaces the query string of the address bar without a navigation (deep links keep the
/// chosen period, and the section they point at).
pub fn replace_query(query: &str) {
    if let Some(w) = web_sys::window()
        && let Ok(path) = w.location().pathname()
        && let Ok(history) = w.history()
    {
        let hash = w.location().hash().unwrap_or_default();
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}?{query}{hash}")),
        );
    }
}

/// `path` with the address bar's current query string, so that links between unit pages
/// and from the dashboard keep the chosen period.
pub fn with_current_query(path: &str) -> String {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    format!("{path}{search}")
}

/// The `PeriodInput` of the API (no index for a whole year), in each operation that takes one.
macro_rules! period_input {
    ($($op:ident),*) => {
        $(impl From<PeriodSel> for crate::api::ops::$op::PeriodInput {
            fn from(p: PeriodSel) -> Self {
                crate::api::ops::$op::PeriodInput {
                    year: i64::from(p.year),
                    kind: p.kind,
                    index: p.index_opt().map(i64::from),
                }
            }
        })*
    };
}

period_input!(
    dashboard,
    rank_moves,
    unit_page,
    publish_ranking,
    ranking_preview,
    score_explain,
    unit_score,
    unit_staff_progress
);

const KINDS: [PeriodKind; 4] = [
    PeriodKind::Month,
    PeriodKind::Quarter,
    PeriodKind::Ytd,
    PeriodKind::Year,
];

/// The period picker: kind, year and month or quarter, each labelled.
#[component]
pub fn PeriodPicker(period: RwSignal<PeriodSel>) -> impl IntoView {
    let s = use_session();
    let set_kind = Callback::new(move |kind: PeriodKind| {
        period.update(|p| {
            let month = match p.kind {
                PeriodKind::Quarter => p.index * 3,
                _ => p.index,
            };
            p.index = if kind == PeriodKind::Quarter {
                month.div_ceil(3).clamp(1, 4)
            } else if p.kind == PeriodKind::Quarter {
                month.clamp(1, 12)
            } else {
                p.index
            };
            p.kind = kind;
        })
    });
    let index_label = Signal::derive(move || {
        s.t(match period.get().kind {
            PeriodKind::Quarter => Key::Quarter,
            PeriodKind::Ytd => Key::UpTo,
            _ => Key::Month,
        })
        .to_owned()
    });
    let indexes = Signal::derive(move || {
        let n = if period.get().kind == PeriodKind::Quarter {
            4
        } else {
            12
        };
        (1..=n).collect::<Vec<i64>>()
    });
    view! {
        <fieldset class="period-picker" data-testid="period-picker">
            <legend>{tr(Key::Period)}</legend>
            <EnumChoice id="period-kind" label=Key::PeriodKindLabel value=Signal::derive(move || period.get().kind)
                on_change=set_kind options=&KINDS/>
            <NumberSelect id="period-year" label=Signal::derive(move || s.t(Key::Year).to_owned())
                value=Signal::derive(move || i64::from(period.get().year)) options=year_choices()
                on_change=Callback::new(move |y: i64| if let Ok(y) = i32::try_from(y) { period.update(|p| p.year = y) })/>
            <Show when=move || period.get().kind != PeriodKind::Year>
                <NumberSelect id="period-index" label=index_label value=Signal::derive(move || i64::from(period.get().index))
                    on_change=Callback::new(move |i: i64| if let Ok(i) = u32::try_from(i) { period.update(|p| p.index = i) }) options=indexes/>
            </Show>
        </fieldset>
    }
}

/// A month picker (year + month), each labelled; `prefix` makes the ids unique.
#[component]
pub fn MonthPicker(
    year: RwSignal<i32>,
    month: RwSignal<u32>,
    #[prop(into)] prefix: String,
) -> impl IntoView {
    let s = use_session();
    let months: Vec<i64> = (1..=12).collect();
    view! {
        <YearSelect id=format!("{prefix}-year") value=year/>
        <NumberSelect id=format!("{prefix}-month") label=Signal::derive(move || s.t(Key::Month).to_owned())
            value=Signal::derive(move || i64::from(month.get()))
            on_change=Callback::new(move |m: i64| if let Ok(m) = u32::try_from(m) { month.set(m) }) options=months/>
    }
}
