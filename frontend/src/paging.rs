//! Paging of long lists: which rows a page shows, how many pages there are, and a page
//! number kept within them. Pure: unit-tested on the host; the `Pager` component draws it.

/// Rows per page of the app's long tables.
pub const PER_PAGE: usize = 50;

/// One page of a list of `total` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// The page shown, 1-based, within `1..=pages`.
    pub number: usize,
    /// How many pages there are (1 for an empty list).
    pub pages: usize,
    /// The rows shown: `start..end` of the list.
    pub start: usize,
    pub end: usize,
    /// Rows in the whole list.
    pub total: usize,
}

impl Page {
    /// Page `wanted` (1-based) of `total` rows, `per_page` a page; a page before the first
    /// or past the last shows the first or the last.
    pub fn of(total: usize, wanted: usize, per_page: usize) -> Page {
        let per_page = per_page.max(1);
        let pages = total.div_ceil(per_page).max(1);
        let number = wanted.clamp(1, pages);
        let start = (number - 1).saturating_mul(per_page).min(total);
        let end = start.saturating_add(per_page).min(total);
        Page {
            number,
            pages,
            start,
            end,
            total,
        }
    }

    /// Whether there is a page before this one.
    pub fn has_prev(self) -> bool {
        self.number > 1
    }

    /// Whether there is a page after this one.
    pub fn has_next(self) -> bool {
        self.number < self.pages
    }

    /// The rows of `list` on this page (`list` is the whole list of `total` rows).
    pub fn slice<T>(self, list: &[T]) -> &[T] {
        list.get(self.start..self.end).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_decision_has_thirty_four_pages_the_last_one_short() {
        let first = Page::of(1664, 1, 50);
        assert_eq!((first.number, first.pages), (1, 34));
        assert_eq!((first.start, first.end), (0, 50));
        assert!(!first.has_prev() && first.has_next());
        let third = Page::of(1664, 3, 50);
        assert_eq!((third.start, third.end), (100, 150));
        let last = Page::of(1664, 34, 50);
        assert_eq!((last.start, last.end), (1650, 1664));
        assert!(last.has_prev() && !last.has_next());
    }

    #[test]
    fn pages_out_of_range_are_clamped() {
        assert_eq!(Page::of(120, 0, 50).number, 1);
        assert_eq!(Page::of(120, 99, 50), Page::of(120, 3, 50));
        assert_eq!(Page::of(120, 99, 50).start, 100);
    }

    #[test]
    fn an_empty_or_short_list_is_one_page() {
        let empty = Page::of(0, 5, 50);
        assert_eq!(
            (empty.number, empty.pages, empty.start, empty.end),
            (1, 1, 0, 0)
        );
        assert!(!empty.has_prev() && !empty.has_next());
        let exact = Page::of(50, 1, 50);
        assert_eq!((exact.pages, exact.end), (1, 50));
        assert_eq!(Page::of(51, 2, 50).pages, 2);
        assert_eq!(Page::of(7, 1, 0).pages, 7, "no division by zero");
    }

    #[test]
    fn a_slice_is_the_rows_of_its_page() {
        let list: Vec<usize> = (0..120).collect();
        assert_eq!(Page::of(120, 3, 50).slice(&list), &list[100..120]);
        assert_eq!(Page::of(120, 2, 50).slice(&list).len(), 50);
        // A page computed for a longer list than given yields no rows rather than panicking.
        assert!(Page::of(500, 5, 50).slice(&list).is_empty());
    }
}
