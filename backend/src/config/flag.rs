//! A yes-or-no setting as people write it: `true`/`false`, `yes`/`no`, `on`/`off` (any
//! case) or `1`/`0`, from a TOML file or a `CHITIEU_*` environment variable.

use serde::de::{self, Deserializer, Unexpected, Visitor};
use std::fmt;

/// What a yes-or-no setting accepts, as the refusal names it.
const EXPECTED: &str = "true/false, yes/no, on/off or 1/0";

/// Reads a yes-or-no setting (`#[serde(deserialize_with = "flag::yes_no")]`).
pub fn yes_no<'de, D: Deserializer<'de>>(de: D) -> Result<bool, D::Error> {
    de.deserialize_any(YesNo)
}

struct YesNo;

impl Visitor<'_> for YesNo {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<bool, E> {
        Ok(b)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<bool, E> {
        match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "1" => Ok(true),
            "false" | "no" | "off" | "0" => Ok(false),
            _ => Err(E::invalid_value(Unexpected::Str(s), &EXPECTED)),
        }
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<bool, E> {
        match n {
            0 | 1 => Ok(n == 1),
            _ => Err(E::invalid_value(Unexpected::Unsigned(n), &EXPECTED)),
        }
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<bool, E> {
        match n {
            0 | 1 => Ok(n == 1),
            _ => Err(E::invalid_value(Unexpected::Signed(n), &EXPECTED)),
        }
    }
}
