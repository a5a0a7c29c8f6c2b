//! Vietnamese alphabetical order for the names people read (units, staff): "Hòa Điền" after
//! "Hòa Lợi" is wrong by code point but right in Vietnamese, where đ follows d and tones
//! count only after the letters. ICU4X's collator for `vi` with its compiled data.

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;
use std::cmp::Ordering;
use std::sync::LazyLock;

/// One collator for the process: built once from data compiled into the binary.
static VIETNAMESE: LazyLock<Option<CollatorBorrowed<'static>>> =
    LazyLock::new(|| Collator::try_new(locale!("vi").into(), CollatorOptions::default()).ok());

/// `a` against `b` in Vietnamese order; equal names in that order are then compared by code
/// point, so the order is total and repeatable.
pub fn compare(a: &str, b: &str) -> Ordering {
    match VIETNAMESE.as_ref() {
        Some(c) => c.compare(a, b).then_with(|| a.cmp(b)),
        // The compiled data always has `vi`; code point order is the fallback all the same.
        None => a.cmp(b),
    }
}

/// Sorts `items` by the name `name` gives, in Vietnamese order; stable, so items of one
/// name keep their order.
pub fn sort_by_name<T>(items: &mut [T], name: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| compare(name(a), name(b)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sorted(names: &[&'static str]) -> Vec<&'static str> {
        let mut list = names.to_vec();
        sort_by_name(&mut list, |n| n);
        list
    }

    #[test]
    fn d_comes_before_dd_and_dd_before_e() {
        assert_eq!(compare("Hòa Điền", "Hòa Lợi"), Ordering::Less);
        assert_eq!(
            sorted(&["Hòa Lợi", "Hòa Điền", "Hòa Dũng", "Hòa Em"]),
            ["Hòa Dũng", "Hòa Điền", "Hòa Em", "Hòa Lợi"]
        );
    }

    #[test]
    fn letters_decide_before_tones_and_vowel_marks() {
        // By code point "Thạnh" (h U+0068) comes before "Tân" (â U+00E2); in Vietnamese
        // â is a letter right after a, so "Tân" comes first.
        assert_eq!(compare("Thạnh", "Tân"), Ordering::Greater);
        assert_eq!(sorted(&["Thạnh", "Tân"]), ["Tân", "Thạnh"]);
        assert_eq!(
            sorted(&["Ân", "Ăn", "An", "Bình"]),
            ["An", "Ăn", "Ân", "Bình"]
        );
        assert_eq!(
            sorted(&["Xã Ô Môn", "Xã Ơn", "Xã Oanh"]),
            ["Xã Oanh", "Xã Ô Môn", "Xã Ơn"]
        );
    }

    #[test]
    fn tones_order_names_of_the_same_letters() {
        assert_eq!(
            sorted(&["Hòa", "Hoa", "Hóa", "Hỏa"]),
            ["Hoa", "Hòa", "Hỏa", "Hóa"]
        );
    }

    proptest! {
        #[test]
        fn the_order_is_total_and_antisymmetric(a in "\\PC{0,8}", b in "\\PC{0,8}") {
            prop_assert_eq!(compare(&a, &b), compare(&b, &a).reverse());
            prop_assert_eq!(compare(&a, &b) == Ordering::Equal, a == b);
        }
    }
}
