//! Imports of files as provincial staff make them: an export corrected in one cell and
//! imported again, percent-formatted targets, months typed as dates, title rows, unit codes
//! in another case, formulas never computed, CSV saved by Excel in a Windows code page or
//! as "Unicode Text" — each stored as meant, or refused with the one clear problem.

use crate::both_databases;
use crate::helpers::*;
use crate::imports::{import_figures, month, value_count, value_of};
use serde_json::{Value, json};
use std::io::Write;

both_databases!(
    an_export_corrected_in_one_cell_imports_exactly_that_value,
    workbooks_with_titles_dates_and_codes_in_any_case_import_as_meant,
    csv_saved_by_excel_in_a_windows_code_page_or_as_unicode_text_imports,
    a_formula_without_a_computed_value_or_an_unknown_encoding_is_one_problem,
    a_target_typed_as_a_percentage_is_stored_as_that_percentage,
);

const IMPORT_TARGETS: &str = "mutation($dec: ID!, $f: Upload!, $d: Boolean!) { importTargets(decisionId: $dec, file: $f, dryRun: $d) {
    values newValues changedValues unchangedValues stored problems { kind reason row column value message } } }";

/// Saves, submits and approves a month of the commune.
async fn approved_month(app: &TestApp, m: i32, values: &[(&str, i64)]) {
    assert_ok(
        &app.save_month("officer", app.tree.commune, 2023, m, values, None)
            .await,
    );
    for (user, verb) in [("officer", "submit"), ("admin", "approve")] {
        let q = format!(
            "mutation($u: ID!) {{ {verb}MonthlyReport(unitId: $u, year: 2023, month: {m}) {{ status }} }}"
        );
        assert_ok(
            &app.as_user(user, &q, json!({"u": app.tree.commune.to_string()}))
                .await,
        );
    }
}

async fn export(app: &TestApp, format: &str) -> Vec<u8> {
    let token = app.token("admin").await;
    let res = app
        .client
        .get(format!(
            "{}/export/unit?unit={}&year=2023&format={format}",
            app.address, app.tree.commune
        ))
        .bearer_auth(&token)
        .send()
        .await
        .expect("export");
    assert_eq!(res.status(), 200, "{format}");
    res.bytes().await.expect("bytes").to_vec()
}

/// The export with the `code` value of `month` set to `value`, edited as a person edits it
/// in a spreadsheet application: the figures sheet opened, one cell typed, saved.
fn edited(format: &str, bytes: &[u8], month: i64, code: &str, value: i64) -> Vec<u8> {
    match format {
        "csv" => edited_csv(bytes, month, code, value),
        _ => edited_xlsx(bytes, month, code, value),
    }
}

fn edited_csv(bytes: &[u8], month: i64, code: &str, value: i64) -> Vec<u8> {
    let text = String::from_utf8(bytes.to_vec()).expect("utf-8");
    let (bom, text) = match text.strip_prefix('\u{feff}') {
        Some(t) => ("\u{feff}", t),
        None => ("", text.as_str()),
    };
    let mut header: Option<Vec<String>> = None;
    let mut out = String::from(bom);
    let mut done = false;
    for line in text.lines() {
        let mut cells: Vec<String> = line.split(',').map(str::to_owned).collect();
        match &header {
            None if cells.iter().any(|c| c.trim_matches('"') == code) => {
                header = Some(cells.clone())
            }
            Some(h) if cells.get(2).and_then(|m| m.parse::<i64>().ok()) == Some(month) => {
                let at = h
                    .iter()
                    .position(|c| c.trim_matches('"') == code)
                    .expect("column");
                cells[at] = value.to_string();
                done = true;
            }
            _ => {}
        }
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    assert!(done, "no row of month {month} in {text}");
    out.into_bytes()
}

fn edited_xlsx(bytes: &[u8], month: i64, code: &str, value: i64) -> Vec<u8> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("xlsx");
    let range = book
        .worksheet_range(shared::sheets::FIGURES_SHEET)
        .expect("figures sheet");
    let (top, left) = range.start().expect("cells");
    let mut out = rust_xlsxwriter::Workbook::new();
    let sheet = out.add_worksheet();
    sheet.set_name(shared::sheets::FIGURES_SHEET).expect("name");
    let mut column = None;
    let mut done = false;
    for (r, row) in range.rows().enumerate() {
        let at_row = top + r as u32;
        if column.is_none() {
            column = row
                .iter()
                .position(|c| matches!(c, Data::String(s) if s == code));
        }
        let this_month = matches!(row.get(2), Some(Data::Float(m)) if *m as i64 == month)
            || matches!(row.get(2), Some(Data::Int(m)) if *m == month);
        for (c, cell) in row.iter().enumerate() {
            let at_col = (left as usize + c) as u16;
            let cell = if this_month && Some(c) == column {
                done = true;
                Data::Float(value as f64)
            } else {
                cell.clone()
            };
            match cell {
                Data::String(s) => sheet.write_string(at_row, at_col, s),
                Data::Float(f) => sheet.write_number(at_row, at_col, f),
                Data::Int(n) => sheet.write_number(at_row, at_col, n as f64),
                Data::Empty => continue,
                other => sheet.write_string(at_row, at_col, other.to_string()),
            }
            .expect("cell");
        }
    }
    assert!(done, "no cell {code} of month {month}");
    out.save_to_buffer().expect("xlsx")
}

async fn an_export_corrected_in_one_cell_imports_exactly_that_value(app: TestApp) {
    let full = |scale: i64| -> Vec<(&'static str, i64)> {
        vec![
            ("RECEIVED", 100 * scale),
            ("RECEIVED_ONLINE", 10 * scale),
            ("DUE", 10 * scale),
        ]
    };
    approved_month(&app, 1, &full(7)).await;
    approved_month(&app, 2, &full(8)).await;
    assert_ok(
        &app.save_month("officer", app.tree.commune, 2023, 3, &full(9), None)
            .await,
    );
    let token = app.token("officer").await;
    for (format, corrected) in [("xlsx", 901), ("csv", 902)] {
        let mut before: Vec<Value> = Vec::new();
        for m in 1..=3 {
            before.push(month(&app, app.tree.commune, 2023, m).await);
        }
        let values = value_count(&app).await;
        let file = edited(
            format,
            &export(&app, format).await,
            3,
            "RECEIVED",
            corrected,
        );
        let body = app
            .upload(
                Some(&token),
                IMPORT_FIGURES_SHORT,
                json!({"d": false, "s": false}),
                &format!("c1.{format}"),
                file.clone(),
            )
            .await;
        assert_ok(&body);
        let r = &body["data"]["importFigures"];
        assert_eq!(
            (&r["changedValues"], &r["newValues"], &r["months"]),
            (&json!(1), &json!(0), &json!(1)),
            "{format}: {r}"
        );
        assert_eq!(r["unchangedValues"], 8, "{format}: {r}");
        assert_eq!(value_count(&app).await, values, "{format}");
        let march = month(&app, app.tree.commune, 2023, 3).await;
        assert_eq!(value_of(&march, "RECEIVED"), Some(corrected), "{format}");
        for (m, was) in [1, 2, 3].into_iter().zip(&before) {
            let now = month(&app, app.tree.commune, 2023, m).await;
            for code in ["RECEIVED_ONLINE", "DUE"] {
                assert_eq!(
                    value_of(&now, code),
                    value_of(was, code),
                    "{format} {m} {code}"
                );
            }
            if m < 3 {
                assert_eq!(&now, was, "{format}: approved month {m} changed");
            }
        }
        // A change to an approved month is the one problem, at its cell; nothing stored.
        let file = edited(format, &file, 2, "DUE", 81);
        let body = app
            .upload(
                Some(&token),
                IMPORT_FIGURES_SHORT,
                json!({"d": false, "s": false}),
                &format!("c1.{format}"),
                file,
            )
            .await;
        assert_error(&body, "VALIDATION");
        let details = body["errors"][0]["extensions"]["details"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(details.len(), 1, "{format}: {details:?}");
        assert_eq!(details[0]["reason"], "APPROVED_MONTH", "{format}");
        assert_eq!(details[0]["month"], 2, "{format}");
        assert!(details[0]["row"].as_i64().is_some(), "{format}");
        assert!(details[0]["column"].as_str().is_some(), "{format}");
        let march = month(&app, app.tree.commune, 2023, 3).await;
        assert_eq!(value_of(&march, "RECEIVED"), Some(corrected), "{format}");
    }
}

const IMPORT_FIGURES_SHORT: &str = "mutation($f: Upload!, $d: Boolean!, $s: Boolean!) { importFigures(file: $f, dryRun: $d, submit: $s) {
    format rows values newValues changedValues unchangedValues months stored moreProblems
    problems { kind reason row column header value message } } }";

async fn import(app: &TestApp, name: &str, bytes: Vec<u8>) -> Value {
    import_figures(app, "officer", name, bytes, false, false).await
}

/// The only problem of a refused import: its reason, row and column.
fn only_problem(body: &Value) -> (String, Value, Value) {
    assert_error(body, "VALIDATION");
    let details = body["errors"][0]["extensions"]["details"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(details.len(), 1, "{details:?}");
    let p = &details[0];
    (
        p["reason"].as_str().unwrap_or("").to_owned(),
        p["row"].clone(),
        p["column"].clone(),
    )
}

async fn workbooks_with_titles_dates_and_codes_in_any_case_import_as_meant(app: TestApp) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Số liệu").expect("name");
    let as_month = rust_xlsxwriter::Format::new().set_num_format("mm/yyyy");
    sheet.write(0, 0, "BÁO CÁO SỐ LIỆU THÁNG").expect("title");
    sheet.write(1, 0, "Đơn vị: Xã 1").expect("subtitle");
    for (c, h) in ["Mã đơn vị", "Năm", "Tháng", "Hồ sơ tiếp nhận", "DUE"]
        .iter()
        .enumerate()
    {
        sheet.write(3, c as u16, *h).expect("header");
    }
    let april = rust_xlsxwriter::ExcelDateTime::from_ymd(2023, 4, 1).expect("date");
    sheet.write(4, 0, "c1 ").expect("code");
    sheet.write(4, 1, 2023).expect("year");
    sheet
        .write_datetime_with_format(4, 2, &april, &as_month)
        .expect("month");
    sheet.write(4, 3, 50).expect("value");
    sheet.write(4, 4, 5).expect("value");
    sheet.write(5, 0, "C1").expect("code");
    sheet.write(5, 2, "5/2023").expect("month");
    sheet.write(5, 3, 60).expect("value");
    let body = import(&app, "bao-cao.xlsx", book.save_to_buffer().expect("xlsx")).await;
    assert_ok(&body);
    assert_eq!(body["data"]["importFigures"]["values"], 3);
    let april = month(&app, app.tree.commune, 2023, 4).await;
    assert_eq!(value_of(&april, "RECEIVED"), Some(50));
    assert_eq!(value_of(&april, "DUE"), Some(5));
    let may = month(&app, app.tree.commune, 2023, 5).await;
    assert_eq!(value_of(&may, "RECEIVED"), Some(60));
    // One unit in two cases in two rows gives one value twice: a repetition, not two writes.
    let twice = b"unit_code,year,month,RECEIVED\nC1,2023,9,1\nc1,2023,9,2\n".to_vec();
    assert_eq!(
        only_problem(&import(&app, "twice.csv", twice).await),
        ("REPEATED_VALUE".into(), json!(3), json!("D"))
    );
}

/// `text` as Excel's plain "CSV" writes it on a Vietnamese Windows: Windows-1258, a letter
/// the code page lacks written as its base letter and a combining tone mark.
fn windows_1258(text: &str) -> Vec<u8> {
    use unicode_normalization::UnicodeNormalization;
    let enc = encoding_rs::WINDOWS_1258;
    let one = |s: &str| {
        let (b, _, bad) = enc.encode(s);
        (!bad).then(|| b.into_owned())
    };
    let mut out = Vec::new();
    for c in text.nfc() {
        if let Some(b) = one(&c.to_string()) {
            out.extend(b);
            continue;
        }
        let parts: Vec<char> = c.to_string().nfd().collect();
        let mut letter = parts[0].to_string();
        let mut rest = Vec::new();
        for m in &parts[1..] {
            let composed: String = format!("{letter}{m}").nfc().collect();
            if composed.chars().count() == 1 && one(&composed).is_some() {
                letter = composed;
            } else {
                rest.push(m.to_string());
            }
        }
        out.extend(one(&letter).expect("base letter"));
        for m in rest {
            out.extend(one(&m).expect("tone mark"));
        }
    }
    out
}

async fn csv_saved_by_excel_in_a_windows_code_page_or_as_unicode_text_imports(app: TestApp) {
    let text = "Mã đơn vị,Tên đơn vị,Năm,Tháng,Hồ sơ tiếp nhận,DUE\nC1,Xã Một,2023,6,70,7\n";
    let body = import(&app, "excel.csv", windows_1258(text)).await;
    assert_ok(&body);
    assert_eq!(body["data"]["importFigures"]["values"], 2);
    let june = month(&app, app.tree.commune, 2023, 6).await;
    assert_eq!(value_of(&june, "RECEIVED"), Some(70));
    // Western Windows, semicolons.
    let (bytes, _, _) =
        encoding_rs::WINDOWS_1252.encode("Unit code;Year;Month;RECEIVED\nc1;2023;7;71\n");
    assert_ok(&import(&app, "western.csv", bytes.into_owned()).await);
    let july = month(&app, app.tree.commune, 2023, 7).await;
    assert_eq!(value_of(&july, "RECEIVED"), Some(71));
    // "Unicode Text": UTF-16 LE with its mark, TAB separated.
    let tabbed = "Mã đơn vị\tNăm\tTháng\tRECEIVED\nC1\t2023\t8\t72\n";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(tabbed.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_ok(&import(&app, "unicode.txt", utf16).await);
    let august = month(&app, app.tree.commune, 2023, 8).await;
    assert_eq!(value_of(&august, "RECEIVED"), Some(72));
}

/// A workbook of one `Số liệu` sheet of these `<row>`s, as openpyxl writes one: a formula
/// is stored as its text, without a computed value.
fn openpyxl_workbook(rows: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let sheet = format!(
        "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{rows}</sheetData></worksheet>"
    );
    let parts: [(&str, &str); 5] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Số liệu\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", &sheet),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).expect("part");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

async fn a_formula_without_a_computed_value_or_an_unknown_encoding_is_one_problem(app: TestApp) {
    let values = value_count(&app).await;
    let s = |r: &str, t: &str| format!("<c r=\"{r}\" t=\"inlineStr\"><is><t>{t}</t></is></c>");
    let n = |r: &str, v: i64| format!("<c r=\"{r}\"><v>{v}</v></c>");
    let mut rows = format!(
        "<row r=\"1\">{}{}{}{}{}</row>",
        s("A1", "unit_code"),
        s("B1", "year"),
        s("C1", "month"),
        s("D1", "RECEIVED"),
        s("E1", "DUE")
    );
    for r in 2..=4 {
        let due = if r == 3 {
            format!("<c r=\"E{r}\"><f>D{r}/10</f><v></v></c>")
        } else {
            n(&format!("E{r}"), 1)
        };
        rows.push_str(&format!(
            "<row r=\"{r}\">{}{}{}{}{due}</row>",
            s(&format!("A{r}"), "C1"),
            n(&format!("B{r}"), 2023),
            n(&format!("C{r}"), i64::from(r)),
            n(&format!("D{r}"), 10),
        ));
    }
    let body = import(&app, "openpyxl.xlsx", openpyxl_workbook(&rows)).await;
    assert_eq!(
        only_problem(&body),
        ("FORMULA_WITHOUT_VALUE".into(), json!(3), json!("E"))
    );
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("dòng 3, cột E")),
        "{body}"
    );
    // Text in a code page that cannot be told: one problem saying how to save the file.
    let (bytes, _, _) =
        encoding_rs::KOI8_R.encode("Код,Год,Месяц,RECEIVED\nСЕЛО,2023,4,12\nГОРОД,2023,4,10\n");
    let body = import(&app, "koi8.csv", bytes.into_owned()).await;
    assert_eq!(
        only_problem(&body),
        ("UNKNOWN_ENCODING".into(), Value::Null, Value::Null)
    );
    assert_eq!(value_count(&app).await, values);
}

async fn a_target_typed_as_a_percentage_is_stored_as_that_percentage(app: TestApp) {
    let decision = app.decision("56/QĐ-UBND", 2023).await;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Chỉ tiêu").expect("name");
    let percent = rust_xlsxwriter::Format::new().set_num_format("0%");
    sheet.write(0, 0, "Giao chỉ tiêu năm 2023").expect("title");
    sheet.write(2, 0, "Mã đơn vị").expect("header");
    sheet.write(2, 1, "FULL_ONLINE_RATE").expect("header");
    sheet.write(3, 0, "C1").expect("unit");
    sheet
        .write_number_with_format(3, 1, 0.9, &percent)
        .expect("target");
    sheet.write(4, 0, "c2").expect("unit");
    sheet.write(4, 1, "85%").expect("target");
    let token = app.token("admin").await;
    let body = app
        .upload(
            Some(&token),
            IMPORT_TARGETS,
            json!({"dec": decision, "d": false}),
            "chi-tieu.xlsx",
            book.save_to_buffer().expect("xlsx"),
        )
        .await;
    assert_ok(&body);
    let targets = app
        .as_user(
            "admin",
            "{ decisions(year: 2023) { targets { unit { code } indicator { code } value } } }",
            json!({}),
        )
        .await;
    assert_ok(&targets);
    let list = targets["data"]["decisions"][0]["targets"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let of = |code: &str| {
        list.iter()
            .find(|t| t["unit"]["code"] == code)
            .map(|t| t["value"].clone())
    };
    assert_eq!(of("C1"), Some(json!(90.0)));
    assert_eq!(of("C2"), Some(json!(85.0)));
}
