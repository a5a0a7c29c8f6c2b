//! Names as the reader reads them: a catalogue entry's English name when English is chosen
//! (its Vietnamese name when it has none), and names in Vietnamese alphabetical order
//! through the browser's own `Intl.Collator("vi")`, so the app carries no collation data.

use crate::i18n::Lang;
use std::cmp::Ordering;

/// The name to show in `lang`: the English name in English when there is one.
pub fn shown(lang: Lang, name: &str, name_en: Option<&str>) -> String {
    match (lang, name_en.map(str::trim)) {
        (Lang::En, Some(en)) if !en.is_empty() => en.to_owned(),
        _ => name.to_owned(),
    }
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The browser's Vietnamese collator's `compare`, made once.
    static COMPARE: Option<js_sys::Function> = {
        let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str("vi"));
        let collator = js_sys::Intl::Collator::new(&locales, &js_sys::Object::new());
        Some(collator.compare())
    };
}

/// `a` against `b` in Vietnamese order ("Hòa Điền" before "Hòa Lợi"), then by code point
/// so that the order is total. Off the browser (host tests): by code point.
pub fn compare(a: &str, b: &str) -> Ordering {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsValue;
        let by_browser = COMPARE.with(|f| {
            f.as_ref()?
                .call2(&JsValue::NULL, &JsValue::from_str(a), &JsValue::from_str(b))
                .ok()?
                .as_f64()
        });
        if let Some(n) = by_browser {
            return n
                .partial_cmp(&0.0)
                .unwrap_or(Ordering::Equal)
                .then_with(|| a.cmp(b));
        }
    }
    a.cmp(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_names_show_in_english_only_and_fall_back_to_vietnamese() {
        assert_eq!(
            shown(Lang::Vi, "Hồ sơ tiếp nhận", Some("Dossiers received")),
            "Hồ sơ tiếp nhận"
        );
        assert_eq!(
            shown(Lang::En, "Hồ sơ tiếp nhận", Some("Dossiers received")),
            "Dossiers received"
        );
        assert_eq!(shown(Lang::En, "Hồ sơ tiếp nhận", None), "Hồ sơ tiếp nhận");
        assert_eq!(
            shown(Lang::En, "Hồ sơ tiếp nhận", Some(" ")),
            "Hồ sơ tiếp nhận"
        );
    }
}
