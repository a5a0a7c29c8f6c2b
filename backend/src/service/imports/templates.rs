//! Downloadable XLSX templates for imports: a data sheet with the header row (frozen) and an
//! instructions sheet in Vietnamese listing the codes to use.

use crate::db::ConnectionTrait;
use crate::db::catalogue;
use crate::error::ServiceResult;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use shared::sheets::{FIGURES_SHEET, INSTRUCTIONS_SHEET, TARGETS_SHEET};

/// Which template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// Figures, one value per row.
    FiguresLong,
    /// Figures, one row per unit and month.
    FiguresWide,
    /// Targets of a decision, one row per unit.
    Targets,
}

impl Template {
    /// From `figures-long`, `figures-wide` or `targets`.
    pub fn parse(name: &str) -> Option<Template> {
        match name.trim_end_matches(".xlsx") {
            "figures-long" => Some(Template::FiguresLong),
            "figures-wide" => Some(Template::FiguresWide),
            "targets" => Some(Template::Targets),
            _ => None,
        }
    }

    /// The download's file name.
    pub fn file_name(self) -> &'static str {
        match self {
            Template::FiguresLong => "mau-so-lieu-doc.xlsx",
            Template::FiguresWide => "mau-so-lieu-ngang.xlsx",
            Template::Targets => "mau-chi-tieu.xlsx",
        }
    }
}

fn xlsx(e: XlsxError) -> anyhow::Error {
    anyhow::anyhow!("the template could not be written: {e}")
}

/// The template as XLSX bytes, with the catalogue's current codes.
pub async fn build(db: &impl ConnectionTrait, which: Template) -> ServiceResult<Vec<u8>> {
    let measures: Vec<(String, String)> = catalogue::measures(db)
        .await?
        .into_iter()
        .map(|m| (m.code, m.name))
        .collect();
    let indicators: Vec<(String, String)> = catalogue::indicators(db, None)
        .await?
        .into_iter()
        .filter(|i| i.active)
        .map(|i| (i.code, i.name))
        .collect();
    Ok(write(which, &measures, &indicators).map_err(xlsx)?)
}

/// A template's data sheet name, headers, the codes listed in its instructions, and the
/// instruction lines.
type Layout<'a> = (
    &'a str,
    Vec<String>,
    &'a [(String, String)],
    &'static [&'static str],
);

fn write(
    which: Template,
    measures: &[(String, String)],
    indicators: &[(String, String)],
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_background_color("#DCE6F1");
    let (sheet_name, headers, codes, steps) = layout(which, measures, indicators);
    let data = book.add_worksheet();
    data.set_name(sheet_name)?;
    header_row(data, &headers, &bold)?;
    instructions(book.add_worksheet(), steps, codes, &bold)?;
    book.save_to_buffer()
}

/// How to fill the long figures template.
const LONG_STEPS: &[&str] = &[
    "Mỗi dòng là một số liệu của một đơn vị trong một tháng.",
    "Mã đơn vị: mã của đơn vị trong hệ thống (xem trang Quản trị).",
    "Năm: 4 chữ số, ví dụ 2023. Tháng: từ 1 đến 12.",
    "Mã số liệu: một trong các mã dưới đây (hoặc tên số liệu).",
    "Giá trị: số nguyên không âm; có thể dùng dấu chấm phân cách hàng nghìn (1.234).",
];

/// How to fill the wide figures template.
const WIDE_STEPS: &[&str] = &[
    "Mỗi dòng là một đơn vị trong một tháng; mỗi cột là một số liệu.",
    "Mã đơn vị: mã của đơn vị trong hệ thống (xem trang Quản trị).",
    "Năm: 4 chữ số, ví dụ 2023. Tháng: từ 1 đến 12.",
    "Ô để trống: số liệu đó không thay đổi. Giá trị: số nguyên không âm.",
];

/// How to fill the targets template.
const TARGET_STEPS: &[&str] = &[
    "Mỗi dòng là một đơn vị; mỗi cột là chỉ tiêu của một chỉ số cho năm của quyết định.",
    "Chỉ số tỷ lệ: phần trăm từ 0 đến 100 (ví dụ 85,5). Chỉ số số lượng: số không âm.",
    "Cột “Cơ sở …” (không bắt buộc): giá trị năm cơ sở của chỉ số đó.",
    "Ô để trống: không đặt chỉ tiêu đó. Tên đơn vị chỉ để dễ đọc, không bắt buộc.",
];

/// The layout of a template.
fn layout<'a>(
    which: Template,
    measures: &'a [(String, String)],
    indicators: &'a [(String, String)],
) -> Layout<'a> {
    match which {
        Template::FiguresLong => (
            FIGURES_SHEET,
            ["Mã đơn vị", "Năm", "Tháng", "Mã số liệu", "Giá trị"]
                .map(String::from)
                .to_vec(),
            measures,
            LONG_STEPS,
        ),
        Template::FiguresWide => (
            FIGURES_SHEET,
            ["Mã đơn vị", "Năm", "Tháng"]
                .into_iter()
                .map(String::from)
                .chain(measures.iter().map(|(c, _)| c.clone()))
                .collect(),
            measures,
            WIDE_STEPS,
        ),
        Template::Targets => (
            TARGETS_SHEET,
            ["Mã đơn vị", "Tên đơn vị"]
                .into_iter()
                .map(String::from)
                .chain(indicators.iter().map(|(c, _)| c.clone()))
                .chain(indicators.iter().map(|(c, _)| format!("Cơ sở {c}")))
                .collect(),
            indicators,
            TARGET_STEPS,
        ),
    }
}

/// The instructions sheet: the steps, then the codes to use with their names.
fn instructions(
    help: &mut Worksheet,
    steps: &[&str],
    codes: &[(String, String)],
    bold: &Format,
) -> Result<(), XlsxError> {
    help.set_name(INSTRUCTIONS_SHEET)?;
    help.set_column_width(0, 28)?;
    help.set_column_width(1, 70)?;
    help.write_string_with_format(0, 0, "Hướng dẫn", bold)?;
    let mut row = 1u32;
    for step in steps {
        help.write_string(row, 1, *step)?;
        row += 1;
    }
    row += 1;
    help.write_string_with_format(row, 0, "Mã", bold)?;
    help.write_string_with_format(row, 1, "Tên", bold)?;
    for (code, name) in codes {
        row += 1;
        help.write_string(row, 0, code)?;
        help.write_string(row, 1, name)?;
    }
    Ok(())
}

fn header_row(sheet: &mut Worksheet, headers: &[String], bold: &Format) -> Result<(), XlsxError> {
    for (i, h) in headers.iter().enumerate() {
        let col = u16::try_from(i).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, col, h, bold)?;
        sheet.set_column_width(col, (h.chars().count() as f64 + 4.0).max(12.0))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}
