//! The pager of long lists.

use crate::format::format_count;
use crate::i18n::{Key, fill};
use crate::paging::{PER_PAGE, Page};
use crate::state::{tr, use_session};
use leptos::prelude::*;

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
