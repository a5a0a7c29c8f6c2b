//! Long tables rendered in steps: the first rows at once, the others a chunk per animation
//! frame, so that no single task of the browser holds the page for long (the 148 communes of
//! a scoreboard are some 15,000 nodes; at once they were one task of over half a second).

use leptos::prelude::*;

/// Rows rendered at once: a screenful and more.
pub const FIRST_ROWS: usize = 24;
/// Rows added on each following frame.
pub const ROWS_PER_FRAME: usize = 12;

/// How many of `total` rows to show now: [`FIRST_ROWS`], then [`ROWS_PER_FRAME`] more on
/// every animation frame until all are. Stops by itself when the owner is gone.
pub fn rows_in_steps(total: usize) -> ReadSignal<usize> {
    let (shown, set_shown) = signal(total.min(FIRST_ROWS));
    if total > FIRST_ROWS {
        grow(set_shown, total.min(FIRST_ROWS), total);
    }
    shown
}

fn grow(set_shown: WriteSignal<usize>, now: usize, total: usize) {
    request_animation_frame(move || {
        let next = (now + ROWS_PER_FRAME).min(total);
        // `try_set` hands the value back when the table is gone: stop then.
        if set_shown.try_set(next).is_none() && next < total {
            grow(set_shown, next, total);
        }
    });
}
