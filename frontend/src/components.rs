//! Small pieces every page uses: loading / empty / error states, status badges (icon and
//! text, never colour alone), the period picker, unit selectors, indicator cards and the
//! pager of long lists.

use crate::api::ApiError;
use crate::api::queries::{IndicatorResult, UnitRow};
use crate::format::{format_count, format_number, format_value};
use crate::i18n::{self, Key, fill};
use crate::paging::{PER_PAGE, Page};
use crate::state::{tr, use_session};
use leptos::prelude::*;
use shared::{IndicatorKind, PeriodKind, ReportStatus, TrackStatus};

/// "Đang tải…" with a spinner, announced to screen readers.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="state state-loading" role="status" data-testid="loading">
            <span class="spinner" aria-hidden="true"></span>
            {tr(Key::Loading)}
        </p>
    }
}

/// Shown while a page reloads for a new period (the old figures stay visible meanwhile).
#[component]
pub fn Refreshing(pending: RwSignal<bool>) -> impl IntoView {
    view! {
        <Show when=move || pending.get()>
            <p class="refreshing" role="status" data-testid="refreshing">
                <span class="spinner" aria-hidden="true"></span>{tr(Key::Loading)}
            </p>
        </Show>
    }
}

/// An empty state with its message.
#[component]
pub fn Empty(key: Key) -> impl IntoView {
    view! { <p class="state state-empty" data-testid="empty">{tr(key)}</p> }
}

/// A translated API error, with the server's detail and an optional retry.
#[component]
pub fn ErrorBox(
    error: ApiError,
    #[prop(optional)] on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let key = error.key();
    let code = error.code.map(|c| c.as_str()).unwrap_or("NETWORK");
    let detail = error.message.clone();
    let field = error.field.clone();
    view! {
        <div class="state state-error" role="alert" data-testid="error" data-code=code>
            <p class="error-title"><span aria-hidden="true">"⚠ "</span>{tr(key)}</p>
            <p class="error-detail">
                {tr(Key::ErrorDetail)}": "{detail.clone()}
                {field.clone().map(|f| view! { " (" {tr(Key::ErrorField)} ": " <code>{f}</code> ")" })}
            </p>
            {on_retry.map(|cb| view! {
                <button type="button" class="btn" on:click=move |_| cb.run(())>{tr(Key::Retry)}</button>
            })}
        </div>
    }
}

/// "Trước · Trang 3/34 · 1.664 chỉ tiêu · Sau" over a list of `total` rows, [`PER_PAGE`] a
/// page; nothing when the list fits on one page. `page` is the page asked for (1-based);
/// the list shows the rows of [`page_of`] with the same signals, so both agree on clamping.
#[component]
pub fn Pager(
    #[prop(into)] total: Signal<usize>,
    page: RwSignal<usize>,
    /// How the rows are counted, e.g. [`Key::CountTargets`] ("{0} chỉ tiêu").
    noun: Key,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let s = use_session();
    let current = Memo::new(move |_| page_of(total.get(), page.get()));
    let status = move || {
        let p = current.get();
        let count = fill(s.t(noun), &[&format_count(p.total as i64)]);
        fill(
            s.t(Key::PageStatus),
            &[
                &format_count(p.number as i64),
                &format_count(p.pages as i64),
                &count,
            ],
        )
    };
    let several = move || current.get().pages > 1;
    view! {
        <Show when=several>
            <nav class="pager" aria-label=move || s.t(Key::Pages) data-testid=testid.clone()>
                <button type="button" class="btn btn-small" data-testid="page-prev"
                    disabled=move || !current.get().has_prev()
                    on:click=move |_| page.set(current.get_untracked().number.saturating_sub(1))>
                    <span aria-hidden="true">"‹ "</span>{tr(Key::PagePrev)}
                </button>
                <span class="pager-status" data-testid="page-status" aria-live="polite">{status}</span>
                <button type="button" class="btn btn-small" data-testid="page-next"
                    disabled=move || !current.get().has_next()
                    on:click=move |_| page.set(current.get_untracked().number.saturating_add(1))>
                    {tr(Key::PageNext)}<span aria-hidden="true">" ›"</span>
                </button>
            </nav>
        </Show>
    }
}

/// The page of a [`Pager`]'s list: `page` of `total` rows, clamped.
pub fn page_of(total: usize, page: usize) -> Page {
    Page::of(total, page, PER_PAGE)
}

/// A one-line success or error message after an action.
#[derive(Debug, Clone, PartialEq)]
pub enum Flash {
    /// It worked.
    Ok(Key),
    /// It failed.
    Err(ApiError),
    /// A local validation message.
    Invalid(String),
}

/// Shows a [`Flash`] when there is one.
#[component]
pub fn FlashView(flash: RwSignal<Option<Flash>>, #[prop(into)] testid: String) -> impl IntoView {
    move || {
        flash.get().map(|f| match f {
            Flash::Ok(k) => view! {
                <p class="flash flash-ok" role="status" data-testid=testid.clone()><span aria-hidden="true">"✓ "</span>{tr(k)}</p>
            }
            .into_any(),
            Flash::Invalid(msg) => view! {
                <p class="flash flash-err" role="alert" data-testid=testid.clone()><span aria-hidden="true">"⚠ "</span>{msg}</p>
            }
            .into_any(),
            Flash::Err(e) => view! { <div data-testid=testid.clone()><ErrorBox error=e/></div> }.into_any(),
        })
    }
}

/// The CSS class and icon of a track status.
pub fn status_look(status: TrackStatus) -> (&'static str, &'static str) {
    match status {
        TrackStatus::OnTrack => ("st-on", "✓"),
        TrackStatus::AtRisk => ("st-risk", "!"),
        TrackStatus::OffTrack => ("st-off", "✗"),
        TrackStatus::NoData => ("st-none", "–"),
    }
}

/// A track status: icon + text.
#[component]
pub fn StatusBadge(status: TrackStatus, #[prop(optional)] short: bool) -> impl IntoView {
    let (class, icon) = status_look(status);
    let key = if short {
        i18n::track_status_short(status)
    } else {
        i18n::track_status(status)
    };
    view! {
        <span class=format!("badge {class}") data-status=status.as_str()>
            <span class="badge-icon" aria-hidden="true">{icon}</span>
            {tr(key)}
        </span>
    }
}

/// A report status: icon + text.
#[component]
pub fn ReportBadge(status: ReportStatus) -> impl IntoView {
    let (class, icon) = match status {
        ReportStatus::Draft => ("rs-draft", "✎"),
        ReportStatus::Submitted => ("rs-submitted", "➜"),
        ReportStatus::Approved => ("rs-approved", "✓"),
        ReportStatus::Rejected => ("rs-rejected", "↩"),
    };
    view! {
        <span class=format!("badge {class}") data-testid="report-status" data-status=status.as_str()>
            <span class="badge-icon" aria-hidden="true">{icon}</span>
            {tr(i18n::report_status(status))}
        </span>
    }
}

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

impl PeriodSel {
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

    /// The `PeriodInput` of the API.
    pub fn to_json(self) -> serde_json::Value {
        match self.kind {
            PeriodKind::Year => serde_json::json!({ "year": self.year, "kind": "YEAR" }),
            k => serde_json::json!({ "year": self.year, "kind": k.as_str(), "index": self.index }),
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

/// Replaces the query string of the address bar without a navigation (deep links keep the
/// chosen period).
pub fn replace_query(query: &str) {
    if let Some(w) = web_sys::window()
        && let Ok(path) = w.location().pathname()
        && let Ok(history) = w.history()
    {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}?{query}")),
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

/// Years offered by the pickers: 2020 to next year.
pub fn year_options() -> Vec<i32> {
    let (y, _) = today();
    (2020..=y + 1).rev().collect()
}

/// The period picker: kind, year and month or quarter, each labelled.
#[component]
pub fn PeriodPicker(period: RwSignal<PeriodSel>) -> impl IntoView {
    let s = use_session();
    let kinds = [
        PeriodKind::Month,
        PeriodKind::Quarter,
        PeriodKind::Ytd,
        PeriodKind::Year,
    ];
    let set_kind = move |ev: leptos::ev::Event| {
        if let Ok(kind) = event_target_value(&ev).parse::<PeriodKind>() {
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
            });
        }
    };
    view! {
        <fieldset class="period-picker" data-testid="period-picker">
            <legend>{tr(Key::Period)}</legend>
            <label for="period-kind">{tr(Key::PeriodKindLabel)}</label>
            <select id="period-kind" data-testid="period-kind" on:change=set_kind
                prop:value=move || period.get().kind.as_str()>
                {kinds.into_iter().map(|k| view! {
                    <option value=k.as_str() selected=move || period.get().kind == k>
                        {tr(i18n::period_kind(k))}
                    </option>
                }).collect_view()}
            </select>
            <label for="period-year">{tr(Key::Year)}</label>
            <select id="period-year" data-testid="period-year"
                on:change=move |ev| if let Ok(y) = event_target_value(&ev).parse() { period.update(|p| p.year = y) }
                prop:value=move || period.get().year.to_string()>
                {year_options().into_iter().map(|y| view! {
                    <option value=y.to_string() selected=move || period.get().year == y>{y}</option>
                }).collect_view()}
            </select>
            <Show when=move || period.get().kind != PeriodKind::Year>
                <label for="period-index">
                    {move || s.t(match period.get().kind {
                        PeriodKind::Quarter => Key::Quarter,
                        PeriodKind::Ytd => Key::UpTo,
                        _ => Key::Month,
                    })}
                </label>
                <select id="period-index" data-testid="period-index"
                    on:change=move |ev| if let Ok(i) = event_target_value(&ev).parse() { period.update(|p| p.index = i) }
                    prop:value=move || period.get().index.to_string()>
                    {move || {
                        let n = if period.get().kind == PeriodKind::Quarter { 4 } else { 12 };
                        (1..=n).map(|i| view! {
                            <option value=i.to_string() selected=move || period.get().index == i>{i}</option>
                        }).collect_view()
                    }}
                </select>
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
    let year_id = format!("{prefix}-year");
    let month_id = format!("{prefix}-month");
    view! {
        <label for=year_id.clone()>{tr(Key::Year)}</label>
        <select id=year_id.clone() data-testid=year_id.clone()
            on:change=move |ev| if let Ok(y) = event_target_value(&ev).parse() { year.set(y) }
            prop:value=move || year.get().to_string()>
            {year_options().into_iter().map(|y| view! {
                <option value=y.to_string() selected=move || year.get() == y>{y}</option>
            }).collect_view()}
        </select>
        <label for=month_id.clone()>{tr(Key::Month)}</label>
        <select id=month_id.clone() data-testid=month_id.clone()
            on:change=move |ev| if let Ok(m) = event_target_value(&ev).parse() { month.set(m) }
            prop:value=move || month.get().to_string()>
            {(1..=12u32).map(|m| view! {
                <option value=m.to_string() selected=move || month.get() == m>{m}</option>
            }).collect_view()}
        </select>
    }
}

/// A labelled unit selector over a list of units.
#[component]
pub fn UnitSelect(
    units: Vec<UnitRow>,
    selected: RwSignal<String>,
    #[prop(into)] id: String,
    label: Key,
    #[prop(optional)] none_option: Option<Key>,
) -> impl IntoView {
    view! {
        <label for=id.clone()>{tr(label)}</label>
        <select id=id.clone() data-testid=id.clone()
            on:change=move |ev| selected.set(event_target_value(&ev))
            prop:value=move || selected.get()>
            {none_option.map(|k| view! { <option value="" selected=move || selected.get().is_empty()>{tr(k)}</option> })}
            {units.into_iter().map(|u| {
                let value = u.id.clone();
                let value2 = u.id.clone();
                view! {
                    <option value=value selected=move || selected.get() == value2>
                        {format!("{} ({})", u.name, u.code)}
                    </option>
                }
            }).collect_view()}
        </select>
    }
}

/// Sorts units for selectors: by kind, then name.
pub fn sort_units(units: &mut [UnitRow]) {
    units.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.name.cmp(&b.name)));
}

/// One indicator of a unit over a period: value, target, milestone, status, points.
#[component]
pub fn IndicatorCard(
    result: IndicatorResult,
    #[prop(optional)] counts: Option<[usize; 4]>,
) -> impl IntoView {
    let s = use_session();
    let is_rate = result.indicator.kind == IndicatorKind::Rate;
    let (class, _) = status_look(result.status);
    let code = result.indicator.code.clone();
    let target = result.target.map(|t| format_value(Some(t), is_rate));
    let milestone = result.milestone.map(|t| format_value(Some(t), is_rate));
    let projection = format_value(result.projection, is_rate);
    let points = format!(
        "{} / {}",
        result
            .points
            .map_or_else(|| "–".to_owned(), |p| format_number(p, 2)),
        format_number(result.max_points, 2)
    );
    let fraction = match (result.numerator, result.denominator) {
        (Some(n), Some(d)) if is_rate => Some(format!("{} / {}", format_count(n), format_count(d))),
        _ => None,
    };
    view! {
        <article class=format!("card indicator-card {class}") data-testid=format!("indicator-card-{code}") data-status=result.status.as_str()>
            <h3 class="card-title">{result.indicator.name.clone()}</h3>
            <p class="card-value" data-testid="indicator-value">{format_value(result.value, is_rate)}</p>
            <StatusBadge status=result.status/>
            <dl class="card-facts">
                <dt>{tr(Key::Target)}</dt>
                <dd data-testid="indicator-target">{target.unwrap_or_else(|| "–".to_owned())}</dd>
                <dt>{tr(Key::Milestone)}</dt>
                <dd data-testid="indicator-milestone">{milestone.unwrap_or_else(|| "–".to_owned())}</dd>
                <dt>{tr(Key::Projection)}</dt>
                <dd>{projection}</dd>
                <dt>{tr(Key::Points)}</dt>
                <dd>{points}</dd>
                {fraction.map(|f| view! {
                    <dt>{move || format!("{} / {}", s.t(Key::Numerator), s.t(Key::Denominator))}</dt>
                    <dd>{f}</dd>
                })}
            </dl>
            {counts.map(|c| view! {
                <p class="card-counts" data-testid="indicator-unit-counts">
                    <span class="sr-only">{tr(Key::UnitsByStatus)}": "</span>
                    {[TrackStatus::OnTrack, TrackStatus::AtRisk, TrackStatus::OffTrack, TrackStatus::NoData]
                        .into_iter().zip(c).map(|(st, n)| {
                            let (cl, icon) = status_look(st);
                            view! {
                                <span class=format!("count {cl}") title=tr(i18n::track_status(st))>
                                    <span aria-hidden="true">{icon}" "</span>{n}" "
                                    <span class="count-label">{tr(i18n::track_status_short(st))}</span>
                                </span>
                            }
                        }).collect_view()}
                </p>
            })}
        </article>
    }
}

/// A translated message about a broken consistency rule, with measure names.
pub fn consistency_message(
    lang: i18n::Lang,
    v: &shared::validation::ConsistencyViolation,
    name_of: impl Fn(&str) -> String,
) -> String {
    fill(
        Key::Inconsistent.text(lang),
        &[
            &name_of(&v.part),
            &format_count(v.part_value),
            &name_of(&v.whole),
            &format_count(v.whole_value),
        ],
    )
}
