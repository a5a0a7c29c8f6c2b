//! Writes an [`Export`] as an XLSX workbook: the title block ([`super::print`]), a bold
//! shaded header row frozen with the name columns, an auto-filter, column widths, #,##0
//! counts, 0.00 % percentages and dd/mm/yyyy dates, and each sheet's print setup.

use super::print::{self, Heading, TITLE_ROWS};
use super::table::{Cell, Column, Export, Sheet, Style};
use crate::error::ServiceResult;
use crate::service::exports::Letterhead;
use chrono::Datelike;
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

fn xlsx_error(e: XlsxError) -> crate::error::ServiceError {
    crate::error::ServiceError::Internal(anyhow::Error::new(e).context("writing XLSX"))
}

/// The workbook's bytes.
pub fn write(export: &Export, letterhead: &Letterhead) -> ServiceResult<Vec<u8>> {
    build(export, letterhead).map_err(xlsx_error)
}

struct Formats {
    header: Format,
    count: Format,
    decimal: Format,
    percent: Format,
    date: Format,
    plain: Format,
}

fn build(export: &Export, letterhead: &Letterhead) -> Result<Vec<u8>, XlsxError> {
    let heading = Heading {
        title: &export.title,
        letterhead,
    };
    let f = Formats {
        header: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(Color::RGB(0xDDEBF7))
            .set_border(FormatBorder::Thin),
        count: Format::new().set_num_format("#,##0"),
        decimal: Format::new().set_num_format("#,##0.00"),
        percent: Format::new().set_num_format("0.00%"),
        date: Format::new().set_num_format("dd/mm/yyyy"),
        plain: Format::new(),
    };
    let mut workbook = Workbook::new();
    for sheet in &export.sheets {
        let ws = workbook.add_worksheet();
        write_sheet(ws, sheet, &heading, &f)?;
    }
    workbook.save_to_buffer()
}

/// A sheet: its title block unless importable, its header, its rows and its print setup.
fn write_sheet(
    ws: &mut Worksheet,
    sheet: &Sheet,
    heading: &Heading,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(&sheet.name)?;
    let top = if sheet.importable {
        0
    } else {
        print::title_block(ws, heading, sheet.columns.len() as u16)?;
        TITLE_ROWS
    };
    for (c, col) in sheet.columns.iter().enumerate() {
        let c = c as u16;
        ws.set_column_width(c, col.width)?;
        ws.write_string_with_format(top, c, &col.header, &f.header)?;
    }
    ws.set_row_height(top, header_height(&sheet.columns))?;
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = top + 1 + r as u32;
        for (c, cell) in row.iter().enumerate() {
            let style = sheet.columns.get(c).map_or(Style::Plain, |col| col.style);
            write_cell(ws, r, c as u16, cell, style, f)?;
        }
    }
    ws.set_freeze_panes(top + 1, sheet.frozen_columns)?;
    if !sheet.columns.is_empty() {
        ws.autofilter(
            top,
            0,
            top + sheet.rows.len() as u32,
            sheet.columns.len() as u16 - 1,
        )?;
    }
    print::page_setup(ws, heading, top)
}

/// Tall enough for the longest header wrapped in its column (about 13 points a line).
fn header_height(columns: &[Column]) -> f64 {
    let lines = columns
        .iter()
        .map(|c| {
            let per_line = (c.width - 1.0).max(1.0);
            (c.header.chars().count() as f64 / per_line).ceil()
        })
        .fold(1.0, f64::max);
    (lines * 13.0 + 6.0).clamp(32.0, 120.0)
}

fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    style: Style,
    f: &Formats,
) -> Result<(), XlsxError> {
    let number_format = match style {
        Style::Count => &f.count,
        Style::Decimal => &f.decimal,
        Style::Percent => &f.percent,
        Style::Date => &f.date,
        Style::Plain => &f.plain,
    };
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => {
            ws.write_string(r, c, s)?;
        }
        Cell::Int(v) => {
            ws.write_number_with_format(r, c, *v as f64, number_format)?;
        }
        Cell::Number(v) => {
            let v = if style == Style::Percent {
                v / 100.0
            } else {
                *v
            };
            ws.write_number_with_format(r, c, v, number_format)?;
        }
        Cell::Date(d) => {
            let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
            ws.write_datetime_with_format(r, c, &dt, &f.date)?;
        }
    }
    Ok(())
}
