//! Paged reads of the lists: the page a caller asks for (size and cursor, checked), and the
//! page answered with the number of rows the whole list has.

use crate::domain::paging::{Cursor, KeyPart, MAX_PAGE, Page, PageSize};
use crate::error::ServiceResult;

/// A page as asked: `first` rows after the cursor `after` (the start when `None`).
#[derive(Debug, Clone)]
pub struct PageArgs {
    /// Rows asked for (1 to [`MAX_PAGE`]).
    pub first: i32,
    /// The `endCursor` of the previous page.
    pub after: Option<String>,
}

/// One page of a list with the number of rows the whole list has (its filters and the
/// caller's scope applied).
#[derive(Debug, Clone)]
pub struct Paged<T> {
    /// The page.
    pub page: Page<T>,
    /// Rows of the whole list.
    pub total: u64,
}

/// A checked page request of one list: its size and the key it starts after.
#[derive(Debug, Clone)]
pub struct Keyset {
    /// The list (the cursor's tag).
    pub list: &'static str,
    /// Rows of the page.
    pub size: PageSize,
    /// The sort key of the last row of the previous page.
    pub after: Option<Cursor>,
}

impl PageArgs {
    /// The request checked for `list`, whose sort key has `shape` (`true` for an integer
    /// part): VALIDATION on `first` outside 1..=[`MAX_PAGE`], on `after` for a cursor that is
    /// not an `endCursor` of this list.
    pub fn check(&self, list: &'static str, shape: &[bool]) -> ServiceResult<Keyset> {
        let size = PageSize::parse(self.first, MAX_PAGE)?;
        let after = self
            .after
            .as_deref()
            .map(|c| Cursor::decode("after", list, shape, c))
            .transpose()?;
        Ok(Keyset { list, size, after })
    }
}

impl Keyset {
    /// The integer part `i` of the cursor, when there is one.
    pub fn int(&self, i: usize) -> Option<i64> {
        self.after.as_ref().map(|c| c.int(i))
    }

    /// The id the page starts after, for a list keyed by an `i32` id alone.
    pub fn id(&self) -> Option<i32> {
        self.int(0).map(clamp_i32)
    }

    /// The page of `rows` (read with [`PageSize::probe`] rows) keyed by `key`, with `total`.
    pub fn page<T>(&self, rows: Vec<T>, total: u64, key: impl Fn(&T) -> Vec<KeyPart>) -> Paged<T> {
        let list = self.list;
        Paged {
            page: Page::from_probe(rows, self.size, |r| Cursor::new(list, key(r))),
            total,
        }
    }
}

/// An integer of a cursor as an `i32` key, saturating: a cursor past every id simply
/// starts after every row.
pub fn clamp_i32(n: i64) -> i32 {
    i32::try_from(n).unwrap_or(if n < 0 { i32::MIN } else { i32::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ServiceError;

    #[test]
    fn a_page_request_is_checked_before_any_read() {
        let args = |first, after: Option<&str>| PageArgs {
            first,
            after: after.map(str::to_owned),
        };
        let ok = args(2, None).check("staff", &[true, true]).unwrap();
        assert_eq!(ok.size.get(), 2);
        assert_eq!(ok.id(), None);
        let on = |e: ServiceError| match e {
            ServiceError::Validation { field, .. } => field,
            _ => None,
        };
        for first in [0, 1001] {
            let e = args(first, None).check("staff", &[true]).unwrap_err();
            assert_eq!(on(e).as_deref(), Some("first"));
        }
        let other = Cursor::new("units", vec![KeyPart::Int(3)]).encode();
        let e = args(5, Some(&other)).check("staff", &[true]).unwrap_err();
        assert_eq!(on(e).as_deref(), Some("after"));
        let mine = Cursor::new("staff", vec![KeyPart::Int(i64::MAX)]).encode();
        assert_eq!(
            args(5, Some(&mine)).check("staff", &[true]).unwrap().id(),
            Some(i32::MAX)
        );
    }
}
