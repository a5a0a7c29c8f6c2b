//! The notice's typeface, built into the binary: DejaVu Serif Condensed, regular and bold
//! (Bitstream Vera licence, `backend/assets/fonts/LICENSE`), which has every Vietnamese
//! letter. Text is measured by shaping it as the PDF writer will.

use super::layout::{Measure, Style};
use crate::error::ServiceResult;

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSerifCondensed.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSerifCondensed-Bold.ttf");

/// The two faces, for drawing and for measuring.
pub struct Fonts {
    pub regular: krilla::text::Font,
    pub bold: krilla::text::Font,
    regular_face: rustybuzz::Face<'static>,
    bold_face: rustybuzz::Face<'static>,
}

impl Fonts {
    /// Reads the built-in fonts.
    pub fn load() -> ServiceResult<Fonts> {
        let missing = || anyhow::anyhow!("the notice's built-in font cannot be read");
        Ok(Fonts {
            regular: krilla::text::Font::new(REGULAR.into(), 0).ok_or_else(missing)?,
            bold: krilla::text::Font::new(BOLD.into(), 0).ok_or_else(missing)?,
            regular_face: rustybuzz::Face::from_slice(REGULAR, 0).ok_or_else(missing)?,
            bold_face: rustybuzz::Face::from_slice(BOLD, 0).ok_or_else(missing)?,
        })
    }

    /// The font of a style.
    pub fn of(&self, style: Style) -> krilla::text::Font {
        if style.bold {
            self.bold.clone()
        } else {
            self.regular.clone()
        }
    }
}

impl Measure for Fonts {
    fn width(&self, text: &str, style: Style) -> f32 {
        let face = if style.bold {
            &self.bold_face
        } else {
            &self.regular_face
        };
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        let shaped = rustybuzz::shape(face, &[], buffer);
        let units: i64 = shaped
            .glyph_positions()
            .iter()
            .map(|p| i64::from(p.x_advance))
            .sum();
        let per_em = face.units_per_em().max(1) as f32;
        units as f32 / per_em * style.size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_text_is_measured_and_bold_is_wider() {
        let fonts = Fonts::load().unwrap();
        let s = Style::regular(10.0);
        let w = fonts.width("Thông báo kết quả", s);
        assert!(w > 50.0 && w < 120.0, "{w}");
        assert!(fonts.width("Thông báo kết quả", Style::bold(10.0)) > w);
        assert_eq!(fonts.width("", s), 0.0);
    }
}
