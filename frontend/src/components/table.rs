//! A table of rows in its scrolling wrapper, with its column headings.

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
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table" data-testid=testid>
                <thead><tr>
                    {cols.into_iter().map(|c| view! { <th scope="col" class=c.class>{c.key.map(tr)}</th> }).collect_view()}
                </tr></thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
