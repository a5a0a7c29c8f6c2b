//! A table of rows in its scrolling wrapper, with its column headings. On a phone it reads
//! as cards (style.css; boot.js labels each cell with its column's heading).

use crate::i18n::Key;
use crate::state::tr;
use leptos::prelude::*;

/// A column heading: its text (none above a column of buttons) and its class (`num` for
/// numbers, aligned right).
#[derive(Debug, Clone, Copy)]
pub struct Col {
    key: Option<Key>,
    class: Option<&'static str>,
}

impl Col {
    /// A column of text.
    pub fn text(key: Key) -> Col {
        Col {
            key: Some(key),
            class: None,
        }
    }
    /// A column of numbers.
    pub fn num(key: Key) -> Col {
        Col {
            key: Some(key),
            class: Some("num"),
        }
    }
    /// A column of buttons, without a heading.
    pub fn actions() -> Col {
        Col {
            key: None,
            class: None,
        }
    }
}

/// `div.table-wrap > table.table` with a heading per column and `children` as the rows.
#[component]
pub fn Table(
    /// The table's `data-testid`.
    #[prop(optional)]
    testid: Option<&'static str>,
    cols: Vec<Col>,
    /// On a phone, one card per row (`stack-table`): each cell then needs its heading as
    /// `data-label`.
    #[prop(optional)]
    stack: bool,
    children: Children,
) -> impl IntoView {
    let class = if stack { "table stack-table" } else { "table" };
    view! {
        // Focusable: a keyboard can scroll a table wider than the screen sideways.
        <div class="table-wrap" tabindex="0">
            <table class=class data-testid=testid>
                <thead><tr>
                    {cols.into_iter().map(|c| view! { <th scope="col" class=c.class>{c.key.map(tr)}</th> }).collect_view()}
                </tr></thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
