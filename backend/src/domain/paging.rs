//! Pages of a list: the page size a caller may ask for and the opaque cursor that names the
//! last row of a page by its sort key, so that the next page starts strictly after it
//! (keyset paging: stable under inserts, no row twice, no row skipped).

use super::InputError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The most rows of one page of a list of things (units, staff, targets, violations…).
pub const MAX_PAGE: u32 = 1_000;
/// The most rows of one page of raw figures (`measureValues`).
pub const MAX_VALUE_PAGE: u32 = 10_000;
/// The longest cursor accepted (a sort key of a few numbers and a timestamp is far shorter).
const MAX_CURSOR_CHARS: usize = 512;

/// A validated page size: 1 to the list's maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSize(u32);

impl PageSize {
    /// `first` as asked, refused outside 1..=`max` with a message telling to page.
    pub fn parse(first: i32, max: u32) -> Result<Self, InputError> {
        match u32::try_from(first) {
            Ok(n) if (1..=max).contains(&n) => Ok(PageSize(n)),
            _ => Err(InputError::new(
                "first",
                format!(
                    "Mỗi trang có từ 1 đến {max} dòng (đã yêu cầu {first}); hãy lấy từng trang \
                     bằng `after` = `endCursor` của trang trước."
                ),
            )),
        }
    }

    /// The number of rows.
    pub fn get(self) -> u32 {
        self.0
    }

    /// Rows to read to know whether a next page exists: one more than the page.
    pub fn probe(self) -> u64 {
        u64::from(self.0) + 1
    }
}

/// One part of a sort key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyPart {
    /// An integer (an id, a year, microseconds since the epoch).
    Int(i64),
    /// A text (a name, a code).
    Text(String),
}

/// The sort key of the last row of a page, tagged with the list it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// Which list (a cursor of one list is refused by another).
    pub list: &'static str,
    /// The sort key, in sort order.
    pub key: Vec<KeyPart>,
}

impl Cursor {
    /// The cursor of `list` after the row with `key`.
    pub fn new(list: &'static str, key: Vec<KeyPart>) -> Self {
        Cursor { list, key }
    }

    /// The opaque text handed to a caller: URL-safe base64 of the tagged key.
    pub fn encode(&self) -> String {
        let mut text = String::from(self.list);
        for part in &self.key {
            match part {
                KeyPart::Int(n) => {
                    text.push_str("|i");
                    text.push_str(&n.to_string());
                }
                KeyPart::Text(s) => {
                    text.push_str("|t");
                    // `|` never appears inside a part: it is escaped with `\`.
                    text.push_str(&s.replace('\\', "\\\\").replace('|', "\\p"));
                }
            }
        }
        URL_SAFE_NO_PAD.encode(text)
    }

    /// Reads a cursor of `list` whose key has the given shape (`true` for an integer
    /// part); anything else is refused on `field`.
    pub fn decode(
        field: &str,
        list: &'static str,
        shape: &[bool],
        cursor: &str,
    ) -> Result<Self, InputError> {
        let bad = || {
            InputError::new(
                field,
                "Con trỏ trang không hợp lệ: hãy dùng nguyên giá trị `endCursor` của trang \
                 trước, cùng danh sách.",
            )
        };
        if cursor.len() > MAX_CURSOR_CHARS {
            return Err(bad());
        }
        let bytes = URL_SAFE_NO_PAD.decode(cursor.trim()).map_err(|_| bad())?;
        let text = String::from_utf8(bytes).map_err(|_| bad())?;
        let mut parts = text.split('|');
        if parts.next() != Some(list) {
            return Err(bad());
        }
        let mut key = Vec::with_capacity(shape.len());
        for (is_int, part) in shape.iter().zip(parts.by_ref()) {
            key.push(match (part.split_at_checked(1), is_int) {
                (Some(("i", n)), true) => KeyPart::Int(n.parse().map_err(|_| bad())?),
                (Some(("t", s)), false) => KeyPart::Text(unescape(s).ok_or_else(bad)?),
                _ => return Err(bad()),
            });
        }
        if key.len() != shape.len() || parts.next().is_some() {
            return Err(bad());
        }
        Ok(Cursor { list, key })
    }

    /// The integer at `i` (the shape checked by [`Cursor::decode`] makes it one).
    pub fn int(&self, i: usize) -> i64 {
        match self.key.get(i) {
            Some(KeyPart::Int(n)) => *n,
            _ => 0,
        }
    }

    /// The text at `i` (the shape checked by [`Cursor::decode`] makes it one).
    pub fn text(&self, i: usize) -> &str {
        match self.key.get(i) {
            Some(KeyPart::Text(s)) => s,
            _ => "",
        }
    }
}

fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next()? {
                '\\' => out.push('\\'),
                'p' => out.push('|'),
                _ => return None,
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// One page of rows: the rows, the cursor after the last one and whether more follow.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The rows of this page, in the list's order.
    pub rows: Vec<T>,
    /// The cursor to pass as `after` for the next page; `None` on the last page.
    pub end_cursor: Option<String>,
    /// Whether another page follows.
    pub has_next_page: bool,
}

impl<T> Page<T> {
    /// A page from the rows read with [`PageSize::probe`]: the extra row, when read, only
    /// tells that a next page exists.
    pub fn from_probe(mut rows: Vec<T>, size: PageSize, cursor_of: impl Fn(&T) -> Cursor) -> Self {
        let has_next_page = rows.len() > size.get() as usize;
        rows.truncate(size.get() as usize);
        let end_cursor = has_next_page
            .then(|| rows.last().map(|r| cursor_of(r).encode()))
            .flatten();
        Page {
            rows,
            end_cursor,
            has_next_page,
        }
    }

    /// The same page with its rows turned into `U`.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            rows: self.rows.into_iter().map(f).collect(),
            end_cursor: self.end_cursor,
            has_next_page: self.has_next_page,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_page_size_outside_its_bounds_is_refused_with_a_hint_to_page() {
        assert_eq!(PageSize::parse(1, 10).map(PageSize::get), Ok(1));
        assert_eq!(PageSize::parse(10, 10).map(PageSize::get), Ok(10));
        for bad in [0, -1, 11, i32::MAX] {
            let e = PageSize::parse(bad, 10).unwrap_err();
            assert_eq!(e.field, "first");
            assert!(e.message.contains("endCursor"), "{}", e.message);
        }
    }

    #[test]
    fn a_cursor_of_another_list_or_shape_is_refused() {
        let c = Cursor::new(
            "units",
            vec![KeyPart::Text("Hòa Lợi".into()), KeyPart::Int(7)],
        );
        let text = c.encode();
        assert_eq!(
            Cursor::decode("after", "units", &[false, true], &text),
            Ok(c)
        );
        assert!(Cursor::decode("after", "staff", &[false, true], &text).is_err());
        assert!(Cursor::decode("after", "units", &[true, true], &text).is_err());
        assert!(Cursor::decode("after", "units", &[false], &text).is_err());
        assert!(Cursor::decode("after", "units", &[false, true, true], &text).is_err());
        assert!(Cursor::decode("after", "units", &[false, true], "not base64!").is_err());
        assert!(Cursor::decode("after", "units", &[false, true], &"A".repeat(600)).is_err());
    }

    #[test]
    fn a_page_read_with_its_probe_row_says_whether_more_follow() {
        let size = PageSize::parse(2, 10).unwrap();
        let cursor = |n: &i64| Cursor::new("n", vec![KeyPart::Int(*n)]);
        let full = Page::from_probe(vec![1, 2, 3], size, cursor);
        assert_eq!(full.rows, vec![1, 2]);
        assert!(full.has_next_page);
        let next = Cursor::decode("after", "n", &[true], full.end_cursor.as_deref().unwrap());
        assert_eq!(next.map(|c| c.int(0)), Ok(2));
        let last = Page::from_probe(vec![1, 2], size, cursor);
        assert!(!last.has_next_page);
        assert_eq!(last.end_cursor, None);
    }

    proptest! {
        #[test]
        fn every_key_survives_its_cursor(
            ints in proptest::collection::vec(any::<i64>(), 0..4),
            texts in proptest::collection::vec(".*", 0..3),
        ) {
            let mut key: Vec<KeyPart> = ints.into_iter().map(KeyPart::Int).collect();
            key.extend(texts.into_iter().map(KeyPart::Text));
            let shape: Vec<bool> = key.iter().map(|k| matches!(k, KeyPart::Int(_))).collect();
            let c = Cursor::new("list", key);
            let text = c.encode();
            if text.len() <= MAX_CURSOR_CHARS {
                prop_assert_eq!(Cursor::decode("after", "list", &shape, &text), Ok(c));
            }
        }
    }
}
