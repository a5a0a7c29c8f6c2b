//! How an XLSX sheet prints: the title block above its header (the province, the subject,
//! the unit, the period and the day of the export), landscape A4 one page wide, the header
//! row repeated on every page, narrow margins, and a page header and footer that name the
//! subject, the unit, the period and the page.

use super::table::Title;
use crate::service::exports::Letterhead;
use rust_xlsxwriter::{Format, FormatAlign, Worksheet, XlsxError};

/// The rows of the title block above a sheet's header (an importable sheet has none).
pub const TITLE_ROWS: u32 = 3;

/// A4 in Excel's paper sizes.
const A4: u8 = 9;

/// Excel refuses a page header or footer longer than this (in UTF-16 units).
const MAX_HEADER_FOOTER: usize = 255;

/// What a sheet's title block and printed pages name.
pub struct Heading<'a> {
    pub title: &'a Title,
    pub letterhead: &'a Letterhead,
}

impl Heading<'_> {
    /// The unit covered: the export's own, else the caller's.
    fn unit(&self) -> &str {
        self.title.unit.as_deref().unwrap_or(&self.letterhead.scope)
    }

    /// The day of the export, dd/mm/yyyy.
    fn date(&self) -> String {
        self.letterhead.exported_on.format("%d/%m/%Y").to_string()
    }

    /// The title block's lines.
    pub fn lines(&self) -> [String; TITLE_ROWS as usize] {
        [
            self.letterhead.province.to_uppercase(),
            self.title.heading.clone(),
            format!(
                "Đơn vị: {} — Kỳ: {} — Ngày xuất: {}",
                self.unit(),
                self.title.period,
                self.date()
            ),
        ]
    }
}

/// Writes the title block in the first [`TITLE_ROWS`] rows, each line across the sheet's
/// `columns`.
pub fn title_block(ws: &mut Worksheet, heading: &Heading, columns: u16) -> Result<(), XlsxError> {
    let base = Format::new().set_align(FormatAlign::Left);
    let formats = [
        base.clone().set_bold().set_font_size(12),
        base.clone().set_bold().set_font_size(14),
        base.set_italic(),
    ];
    let last = columns.saturating_sub(1);
    for ((row, line), format) in (0u32..).zip(heading.lines()).zip(&formats) {
        if last == 0 {
            ws.write_string_with_format(row, 0, &line, format)?;
        } else {
            ws.merge_range(row, 0, row, last, &line, format)?;
        }
    }
    ws.set_row_height(1, 22)?;
    Ok(())
}

/// Landscape A4, one page wide and as many long as needed, the header row at
/// `header_row` repeated on every page, narrow margins, the subject, unit and period in the
/// page header and the page number, the period and the day in the footer.
pub fn page_setup(ws: &mut Worksheet, heading: &Heading, header_row: u32) -> Result<(), XlsxError> {
    ws.set_landscape()
        .set_paper_size(A4)
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true)
        .set_margins(0.25, 0.25, 0.6, 0.6, 0.25, 0.25);
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_header(page_header(heading));
    ws.set_footer(page_footer(heading));
    Ok(())
}

/// `province | subject — unit | period`, shortened until Excel takes it.
fn page_header(h: &Heading) -> String {
    let centre = format!("{} — {}", h.title.heading, h.unit());
    shortest_fit(|n| {
        format!(
            "&L&9{}&C&9&B{}&B&R&9{}",
            escape(&clip(&h.letterhead.province, n)),
            escape(&clip(&centre, 2 * n)),
            escape(&clip(&h.title.period, n)),
        )
    })
}

/// `Ngày xuất: … | Trang p / n | period`.
fn page_footer(h: &Heading) -> String {
    shortest_fit(|n| {
        format!(
            "&L&8Ngày xuất: {}&C&8Trang &P / &N&R&8{}",
            h.date(),
            escape(&clip(&h.title.period, n)),
        )
    })
}

/// The first of `make(60)`, `make(50)` … that Excel accepts.
fn shortest_fit(make: impl Fn(usize) -> String) -> String {
    let mut n = 60;
    loop {
        let s = make(n);
        if s.encode_utf16().count() <= MAX_HEADER_FOOTER || n <= 10 {
            return s;
        }
        n -= 10;
    }
}

/// At most `n` characters, with an ellipsis when cut.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// A literal `&` in a page header or footer is written `&&`.
fn escape(s: &str) -> String {
    s.replace('&', "&&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn letterhead(province: &str) -> Letterhead {
        Letterhead {
            province: province.into(),
            scope: "Huyện Một".into(),
            exported_on: NaiveDate::from_ymd_opt(2023, 7, 5).unwrap_or_default(),
        }
    }

    #[test]
    fn the_title_names_province_unit_period_and_day() {
        let title = Title {
            heading: "Bảng xếp hạng".into(),
            unit: None,
            period: "Tháng 6/2023".into(),
        };
        let lh = letterhead("Tỉnh Demo");
        let h = Heading {
            title: &title,
            letterhead: &lh,
        };
        let [province, subject, about] = h.lines();
        assert_eq!(province, "TỈNH DEMO");
        assert_eq!(subject, "Bảng xếp hạng");
        assert_eq!(
            about,
            "Đơn vị: Huyện Một — Kỳ: Tháng 6/2023 — Ngày xuất: 05/07/2023"
        );
        assert!(page_footer(&h).contains("Trang &P / &N"));
        assert!(page_header(&h).contains("Tháng 6/2023"));
    }

    #[test]
    fn long_names_are_shortened_and_ampersands_escaped_for_excel() {
        let title = Title {
            heading: "Chỉ tiêu & kết quả ".repeat(20),
            unit: Some("Xã A&B ".repeat(30)),
            period: "Năm 2023".into(),
        };
        let lh = letterhead(&"Tỉnh & thành ".repeat(20));
        let h = Heading {
            title: &title,
            letterhead: &lh,
        };
        let header = page_header(&h);
        assert!(
            header.encode_utf16().count() <= MAX_HEADER_FOOTER,
            "{header}"
        );
        assert!(header.contains("&&") && header.contains("Năm 2023"));
    }
}
