//! Every staff member's share: personal figures saved by the unit's officer and imported
//! from the dossier system's per-official file (all or nothing), each personal target
//! judged by the unit rules, the personal score, the head's score with the unit's result
//! weighed in (50 % until an ADMIN changes it), staff ranking refused until an ADMIN
//! switches it on for the unit, and the scope: a manager of another department sees
//! nothing, a staff member sees their own card only.

use crate::both_databases;
use crate::helpers::*;
use backend::service::users;
use serde_json::{Value, json};
use shared::Role;
use shared::ids::UnitId;

both_databases!(
    personal_figures_are_judged_by_the_unit_rules_and_the_head_answers_for_the_unit,
    personal_figures_are_imported_all_or_nothing,
    personal_cards_keep_to_their_scope_and_ranking_is_opt_in,
    bad_personal_figures_are_refused_by_field_and_change_nothing,
);

#[track_caller]
fn ok(body: Value) -> Value {
    assert_ok(&body);
    body
}

/// The three staff of commune C1: the head and two officials.
struct Staff {
    head: String,
    an: String,
    binh: String,
}

const YEAR: i32 = 2023;
const OCTOBER: i32 = 10;

async fn create_staff(app: &TestApp, unit: UnitId, name: &str, head: bool, code: &str) -> String {
    let body = ok(app
        .as_user(
            "admin",
            "mutation($u: ID!, $n: String!, $h: Boolean, $c: String) {
               createStaff(input: {unitId: $u, fullName: $n, position: \"Công chức\", isHead: $h, code: $c}) { id code } }",
            json!({"u": unit.to_string(), "n": name, "h": head, "c": code}),
        )
        .await);
    body["data"]["createStaff"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// C1's staff with personal targets of the full-online rate (head 50 %, the others 60 %),
/// C1's own target 60 %.
async fn staff_with_targets(app: &TestApp) -> Staff {
    let c1 = app.tree.commune;
    let staff = Staff {
        head: create_staff(app, c1, "Nguyễn Văn Trưởng", true, "CB001").await,
        an: create_staff(app, c1, "Trần Thị An", false, "CB002").await,
        binh: create_staff(app, c1, "Lê Văn Bình", false, "CB003").await,
    };
    let decision = app.decision("15/QĐ-UBND", YEAR).await;
    let target = set_target(app, &decision, c1, "FULL_ONLINE_RATE", 60.0, None).await;
    for (s, v) in [(&staff.head, 50.0), (&staff.an, 60.0), (&staff.binh, 60.0)] {
        ok(app
            .as_user(
                "admin",
                "mutation($t: ID!, $s: ID!, $v: Float!) { assignStaffTarget(targetId: $t, staffId: $s, value: $v) { id } }",
                json!({"t": target, "s": s, "v": v}),
            )
            .await);
    }
    staff
}

async fn save(app: &TestApp, user: &str, unit: UnitId, month: i32, figures: Value) -> Value {
    app.as_user(
        user,
        "mutation($u: ID!, $y: Int!, $m: Int!, $f: [StaffFigureInput!]!) {
           saveStaffFigures(unitId: $u, year: $y, month: $m, figures: $f) { saved cleared } }",
        json!({"u": unit.to_string(), "y": YEAR, "m": month, "f": figures}),
    )
    .await
}

fn figure(staff: &str, code: &str, value: Option<i64>) -> Value {
    json!({"staffId": staff, "measureCode": code, "value": value})
}

const CARD: &str = "staff { id fullName isHead } results { indicator { code } target milestone value ytdValue status projection points maxPoints }
    personalScore unitScore unitWeight score behind shareOfUnit rank violations { id }";

async fn progress(app: &TestApp, user: &str, unit: UnitId) -> Value {
    app.as_user(
        user,
        &format!(
            "query($u: ID!, $y: Int!, $i: Int) {{ unitStaffProgress(unitId: $u, period: {{year: $y, kind: MONTH, index: $i}}) {{
               rankingEnabled unitScore headUnitWeight staffShareOfUnit staff {{ {CARD} }} }} }}"
        ),
        json!({"u": unit.to_string(), "y": YEAR, "i": OCTOBER}),
    )
    .await
}

fn card<'a>(progress: &'a Value, staff: &str) -> &'a Value {
    progress["data"]["unitStaffProgress"]["staff"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["staff"]["id"] == staff)
        .unwrap_or_else(|| panic!("no card of staff {staff} in {progress}"))
}

#[track_caller]
fn close(value: &Value, expected: f64) {
    let Some(v) = value.as_f64() else {
        panic!("{value} is not a number")
    };
    assert!((v - expected).abs() < 0.005, "{v} ≠ {expected}");
}

async fn personal_figures_are_judged_by_the_unit_rules_and_the_head_answers_for_the_unit(
    app: TestApp,
) {
    let s = staff_with_targets(&app).await;
    let c1 = app.tree.commune;
    // The officer of C1 enters October for the three of them, and C1's own month.
    let saved = ok(save(
        &app,
        "officer",
        c1,
        OCTOBER,
        json!([
            figure(&s.head, "RECEIVED", Some(10)),
            figure(&s.head, "FULL_ONLINE", Some(9)),
            figure(&s.an, "RECEIVED", Some(50)),
            figure(&s.an, "FULL_ONLINE", Some(40)),
            figure(&s.binh, "RECEIVED", Some(40)),
            figure(&s.binh, "FULL_ONLINE", Some(10)),
        ]),
    )
    .await);
    assert_eq!(
        saved["data"]["saveStaffFigures"],
        json!({"saved": 6, "cleared": 0})
    );
    assert_ok(
        &app.save_month(
            "officer",
            c1,
            YEAR,
            OCTOBER,
            &[("RECEIVED", 120), ("FULL_ONLINE", 70)],
            None,
        )
        .await,
    );
    // A violation of Bình in October is shown beside his card.
    ok(app
        .as_user(
            "admin",
            "mutation($u: ID!, $s: ID!) { recordViolation(input: {unitId: $u, staffId: $s, occurredOn: \"2023-10-12\", kind: EXTRA_DOCUMENTS, description: \"Yêu cầu thêm giấy tờ\"}) { id } }",
            json!({"u": c1.to_string(), "s": s.binh}),
        )
        .await);

    let p = ok(progress(&app, "admin", c1).await);
    let all = &p["data"]["unitStaffProgress"];
    assert_eq!(all["rankingEnabled"], false);
    close(&all["headUnitWeight"], 50.0);
    // 100 of C1's 120 dossiers were handled by the staff shown.
    close(&all["staffShareOfUnit"], 83.33);
    let heads: Vec<bool> = all["staff"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["staff"]["isHead"].as_bool().unwrap())
        .collect();
    assert_eq!(heads, vec![true, false, false], "the head comes first");

    // An: 40 of 50 fully online, 80 % against 60 %: on track, full points.
    let an = card(&p, &s.an);
    let r = &an["results"][0];
    assert_eq!(r["indicator"]["code"], "FULL_ONLINE_RATE");
    close(&r["value"], 80.0);
    close(&r["milestone"], 60.0);
    assert_eq!(r["status"], "ON_TRACK");
    close(&r["points"], 15.0);
    close(&an["personalScore"], 100.0);
    assert_eq!(an["unitScore"], Value::Null);
    close(&an["score"], 100.0);
    assert_eq!(an["behind"], 0);
    close(&an["shareOfUnit"], 41.67);
    assert_eq!(an["rank"], Value::Null, "no rank while ranking is off");

    // Bình: 10 of 40, 25 % against 60 %: off track, 15 × 25/60 points, one violation.
    let binh = card(&p, &s.binh);
    let r = &binh["results"][0];
    close(&r["value"], 25.0);
    assert_eq!(r["status"], "OFF_TRACK");
    close(&r["points"], 6.25);
    close(&binh["personalScore"], 41.67);
    assert_eq!(binh["behind"], 1);
    assert_eq!(binh["violations"].as_array().unwrap().len(), 1);

    // The head: 90 % against 50 % is 100 personally; the unit's score counts for half.
    let unit_score = all["unitScore"].as_f64().unwrap();
    let board = ok(app
        .as_user(
            "admin",
            "query($y: Int!, $i: Int) { scoreboard(period: {year: $y, kind: MONTH, index: $i}, kind: COMMUNE) { unit { code } score } }",
            json!({"y": YEAR, "i": OCTOBER}),
        )
        .await);
    let c1_row = board["data"]["scoreboard"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["unit"]["code"] == "C1")
        .unwrap()
        .clone();
    close(&c1_row["score"], unit_score);
    let head = card(&p, &s.head);
    close(&head["personalScore"], 100.0);
    close(&head["unitScore"], unit_score);
    close(&head["unitWeight"], 50.0);
    close(&head["score"], 0.5 * 100.0 + 0.5 * unit_score);

    // The weight is the province's to set; a quarter now.
    let refused = app
        .as_user(
            "manager",
            "mutation { setHeadUnitWeight(percent: 25) }",
            json!({}),
        )
        .await;
    assert_error(&refused, "FORBIDDEN");
    let bad = app
        .as_user(
            "admin",
            "mutation { setHeadUnitWeight(percent: 120) }",
            json!({}),
        )
        .await;
    assert_error(&bad, "VALIDATION");
    assert_eq!(error_field(&bad), Some("percent"));
    ok(app
        .as_user(
            "admin",
            "mutation { setHeadUnitWeight(percent: 25) }",
            json!({}),
        )
        .await);
    let p = ok(progress(&app, "admin", c1).await);
    let head = card(&p, &s.head);
    close(&head["unitWeight"], 25.0);
    close(&head["score"], 0.75 * 100.0 + 0.25 * unit_score);

    // One card through `staffScorecard`, the same as in the unit's list.
    let one = ok(app
        .as_user(
            "admin",
            &format!("query($s: ID!) {{ staffScorecard(staffId: $s, period: {{year: 2023, kind: MONTH, index: 10}}) {{ {CARD} }} }}"),
            json!({"s": s.binh}),
        )
        .await);
    assert_eq!(one["data"]["staffScorecard"], *card(&p, &s.binh));

    // The personnel office's monthly sheet: one row per person, as the admin sees them.
    let (status, csv) = export(
        &app,
        "admin",
        "/export/staff?unit=C1&year=2023&month=10&format=csv",
    )
    .await;
    assert_eq!(status, 200, "{csv}");
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].contains("Họ và tên") && lines[0].contains("Điểm đánh giá"),
        "{}",
        lines[0]
    );
    let an_line = lines
        .iter()
        .find(|l| l.contains("Trần Thị An"))
        .expect("An's row");
    assert!(
        an_line.contains("80,00 %") && an_line.contains("Đạt tiến độ"),
        "{an_line}"
    );
    let binh_line = lines
        .iter()
        .find(|l| l.contains("Lê Văn Bình"))
        .expect("Bình's row");
    assert!(binh_line.contains("Yêu cầu thêm giấy tờ"), "{binh_line}");
    let (status, _) = export(
        &app,
        "manager",
        "/export/staff?unit=C1&year=2023&month=10&format=csv",
    )
    .await;
    assert_eq!(status, 404, "another department's manager gets nothing");
    let (status, body) = export(&app, "admin", "/export/staff?unit=C1&year=2023&format=csv").await;
    assert_eq!(status, 400, "{body}");

    // Clearing a figure: Bình's October has no full-online figure any more.
    let cleared = ok(save(
        &app,
        "officer",
        c1,
        OCTOBER,
        json!([figure(&s.binh, "FULL_ONLINE", None)]),
    )
    .await);
    assert_eq!(
        cleared["data"]["saveStaffFigures"],
        json!({"saved": 0, "cleared": 1})
    );
    let p = ok(progress(&app, "admin", c1).await);
    let binh = &card(&p, &s.binh)["results"][0];
    assert_eq!(
        (&binh["value"], &binh["status"]),
        (&Value::Null, &json!("NO_DATA"))
    );
}

/// GETs an export as `user`: its status and its text.
async fn export(app: &TestApp, user: &str, path: &str) -> (u16, String) {
    let resp = app
        .client
        .get(format!("{}{path}", app.address))
        .bearer_auth(app.token(user).await)
        .send()
        .await
        .expect("send");
    let status = resp.status().as_u16();
    (status, resp.text().await.expect("body"))
}

const IMPORT: &str = "mutation($u: ID!, $f: Upload!, $d: Boolean!) {
    importStaffFigures(unitId: $u, file: $f, dryRun: $d) {
      layout rows values newValues changedValues stored problems { kind reason row column value } } }";

async fn sheet(app: &TestApp, month: i32) -> Value {
    ok(app
        .as_user(
            "officer",
            "query($u: ID!, $y: Int!, $m: Int!) { staffFigureSheet(unitId: $u, year: $y, month: $m) {
               staff { id fullName code } measures { code } figures { staffId measureCode value } } }",
            json!({"u": app.tree.commune.to_string(), "y": YEAR, "m": month}),
        )
        .await)["data"]["staffFigureSheet"]
        .clone()
}

async fn personal_figures_are_imported_all_or_nothing(app: TestApp) {
    let s = staff_with_targets(&app).await;
    let c1 = app.tree.commune.to_string();
    let token = app.token("officer").await;
    // One unknown official: nothing of the file is stored.
    let bad = "Mã cán bộ,Họ và tên,Năm,Tháng,Mã số liệu,Giá trị\n\
               CB002,Trần Thị An,2023,9,RECEIVED,30\n\
               CB999,Không Có,2023,9,RECEIVED,12\n";
    let refused = app
        .upload(
            Some(&token),
            IMPORT,
            json!({"u": c1, "d": false}),
            "sai.csv",
            bad.as_bytes().to_vec(),
        )
        .await;
    assert_error(&refused, "VALIDATION");
    let problems = &refused["errors"][0]["extensions"]["details"];
    assert_eq!(problems[0]["kind"], "UNKNOWN_STAFF", "{refused}");
    assert_eq!(problems[0]["row"], 3);
    assert!(
        sheet(&app, 9).await["figures"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // The same person twice for one month and measure, under two spellings of the code.
    let twice = "Mã cán bộ,Năm,Tháng,Mã số liệu,Giá trị\nCB002,2023,9,RECEIVED,30\ncb002,2023,9,RECEIVED,31\n";
    let refused = app
        .upload(
            Some(&token),
            IMPORT,
            json!({"u": c1, "d": false}),
            "trung.csv",
            twice.as_bytes().to_vec(),
        )
        .await;
    assert_error(&refused, "VALIDATION");
    let problem = &refused["errors"][0]["extensions"]["details"][0];
    assert_eq!(
        (problem["kind"].as_str(), problem["row"].as_i64()),
        (Some("DUPLICATE"), Some(3)),
        "{refused}"
    );

    // A part over its whole for one person is refused by month.
    let inconsistent = "Mã cán bộ,Năm,Tháng,RECEIVED,FULL_ONLINE\nCB002,2023,9,10,12\n";
    let refused = app
        .upload(
            Some(&token),
            IMPORT,
            json!({"u": c1, "d": false}),
            "lech.csv",
            inconsistent.as_bytes().to_vec(),
        )
        .await;
    assert_error(&refused, "VALIDATION");
    assert_eq!(
        refused["errors"][0]["extensions"]["details"][0]["kind"],
        "CONSISTENCY"
    );

    // The right file, by code and by e-mail-less code, previewed then stored.
    let good = "Mã cán bộ,Họ và tên,Năm,Tháng,Mã số liệu,Giá trị\n\
                CB002,Trần Thị An,2023,9,RECEIVED,30\n\
                CB002,Trần Thị An,2023,9,FULL_ONLINE,21\n\
                cb003,Lê Văn Bình,2023,9,RECEIVED,20\n";
    let preview = ok(app
        .upload(
            Some(&token),
            IMPORT,
            json!({"u": c1, "d": true}),
            "thang9.csv",
            good.as_bytes().to_vec(),
        )
        .await);
    let r = &preview["data"]["importStaffFigures"];
    assert_eq!(
        (
            r["stored"].as_bool(),
            r["newValues"].as_i64(),
            r["layout"].as_str()
        ),
        (Some(false), Some(3), Some("LONG"))
    );
    assert!(
        sheet(&app, 9).await["figures"]
            .as_array()
            .unwrap()
            .is_empty(),
        "a preview stores nothing"
    );
    let stored = ok(app
        .upload(
            Some(&token),
            IMPORT,
            json!({"u": c1, "d": false}),
            "thang9.csv",
            good.as_bytes().to_vec(),
        )
        .await);
    assert_eq!(stored["data"]["importStaffFigures"]["stored"], true);
    let sheet9 = sheet(&app, 9).await;
    let mut got: Vec<(String, String, i64)> = sheet9["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["staffId"].as_str().unwrap().to_owned(),
                f["measureCode"].as_str().unwrap().to_owned(),
                f["value"].as_i64().unwrap(),
            )
        })
        .collect();
    got.sort();
    let mut want = vec![
        (s.an.clone(), "FULL_ONLINE".to_owned(), 21),
        (s.an.clone(), "RECEIVED".to_owned(), 30),
        (s.binh.clone(), "RECEIVED".to_owned(), 20),
    ];
    want.sort();
    assert_eq!(got, want);
    let codes: Vec<&str> = sheet9["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"FULL_ONLINE") && codes.contains(&"RECEIVED"),
        "{codes:?}"
    );
    // The same file again changes nothing.
    let again = ok(app
        .upload(
            Some(&token),
            IMPORT,
            json!({"u": c1, "d": false}),
            "thang9.csv",
            good.as_bytes().to_vec(),
        )
        .await);
    assert_eq!(again["data"]["importStaffFigures"]["changedValues"], 0);
}

/// An account linked to a staff member.
async fn linked_account(app: &TestApp, username: &str, role: Role, unit: UnitId, staff: &str) {
    let new = users::NewUser {
        username: username.into(),
        password: PASSWORD.into(),
        role,
        unit_id: unit,
        staff_id: Some(shared::ids::StaffId(staff.parse::<i32>().unwrap())),
    };
    users::create_unchecked(&app.db, None, new).await.unwrap();
}

async fn personal_cards_keep_to_their_scope_and_ranking_is_opt_in(app: TestApp) {
    let s = staff_with_targets(&app).await;
    let c1 = app.tree.commune;
    ok(save(
        &app,
        "officer",
        c1,
        OCTOBER,
        json!([
            figure(&s.an, "RECEIVED", Some(50)),
            figure(&s.an, "FULL_ONLINE", Some(40)),
            figure(&s.binh, "RECEIVED", Some(40)),
            figure(&s.binh, "FULL_ONLINE", Some(10)),
        ]),
    )
    .await);

    // A manager of another department sees nothing of C1's staff.
    assert_error(&progress(&app, "manager", c1).await, "NOT_FOUND");
    let scorecard = "query($s: ID!) { staffScorecard(staffId: $s, period: {year: 2023, kind: MONTH, index: 10}) { score } }";
    assert_error(
        &app.as_user("manager", scorecard, json!({"s": s.an})).await,
        "NOT_FOUND",
    );
    assert_error(
        &save(
            &app,
            "manager",
            c1,
            OCTOBER,
            json!([figure(&s.an, "RECEIVED", Some(1))]),
        )
        .await,
        "NOT_FOUND",
    );
    // The officer of C1 enters figures but reads nobody's card but its own (it has none).
    let officer = ok(progress(&app, "officer", c1).await);
    assert!(
        officer["data"]["unitStaffProgress"]["staff"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // An official sees their own card and not a colleague's.
    linked_account(&app, "an.tran", Role::Viewer, c1, &s.an).await;
    let own = ok(app.as_user("an.tran", scorecard, json!({"s": s.an})).await);
    close(&own["data"]["staffScorecard"]["score"], 100.0);
    assert_error(
        &app.as_user("an.tran", scorecard, json!({"s": s.binh}))
            .await,
        "NOT_FOUND",
    );
    let mine = ok(progress(&app, "an.tran", c1).await);
    assert_eq!(
        mine["data"]["unitStaffProgress"]["staff"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // The head, a manager of C1 linked to their staff record, sees every card of C1.
    linked_account(&app, "truong", Role::Manager, c1, &s.head).await;
    let heads = ok(progress(&app, "truong", c1).await);
    assert_eq!(
        heads["data"]["unitStaffProgress"]["staff"]
            .as_array()
            .unwrap()
            .len(),
        3
    );

    // Ranking is off until an ADMIN switches it on for the unit.
    let ranking = "query($u: ID!) { staffRanking(unitId: $u, period: {year: 2023, kind: MONTH, index: 10}) { staff { staff { id } rank score } } }";
    assert_error(
        &app.as_user("admin", ranking, json!({"u": c1.to_string()}))
            .await,
        "CONFLICT",
    );
    let switch = "mutation($u: ID!, $e: Boolean!) { setStaffRanking(unitId: $u, enabled: $e) }";
    assert_error(
        &app.as_user("truong", switch, json!({"u": c1.to_string(), "e": true}))
            .await,
        "FORBIDDEN",
    );
    assert_error(
        &app.as_user("officer", switch, json!({"u": c1.to_string(), "e": true}))
            .await,
        "FORBIDDEN",
    );
    ok(app
        .as_user("admin", switch, json!({"u": c1.to_string(), "e": true}))
        .await);
    let ranked = ok(app
        .as_user("admin", ranking, json!({"u": c1.to_string()}))
        .await);
    let rows = ranked["data"]["staffRanking"]["staff"].as_array().unwrap();
    let order: Vec<(&str, Option<i64>)> = rows
        .iter()
        .map(|r| (r["staff"]["id"].as_str().unwrap(), r["rank"].as_i64()))
        .collect();
    assert_eq!(
        order,
        vec![
            (s.an.as_str(), Some(1)),
            (s.binh.as_str(), Some(2)),
            (s.head.as_str(), None)
        ]
    );
    // One card keeps its rank in the unit, whoever reads it.
    let rank = "query($s: ID!) { staffScorecard(staffId: $s, period: {year: 2023, kind: MONTH, index: 10}) { rank } }";
    let binh = ok(app.as_user("admin", rank, json!({"s": s.binh})).await);
    assert_eq!(binh["data"]["staffScorecard"]["rank"], 2);
    let own = ok(app.as_user("an.tran", rank, json!({"s": s.an})).await);
    assert_eq!(own["data"]["staffScorecard"]["rank"], 1);
    // Ranking stays within the unit: C2 has it off.
    assert_error(
        &app.as_user(
            "admin",
            ranking,
            json!({"u": app.tree.other_commune.to_string()}),
        )
        .await,
        "CONFLICT",
    );
    // And off again.
    ok(app
        .as_user("admin", switch, json!({"u": c1.to_string(), "e": false}))
        .await);
    assert_error(
        &app.as_user("admin", ranking, json!({"u": c1.to_string()}))
            .await,
        "CONFLICT",
    );
}

async fn bad_personal_figures_are_refused_by_field_and_change_nothing(app: TestApp) {
    let s = staff_with_targets(&app).await;
    let c1 = app.tree.commune;
    let c2_staff = create_staff(
        &app,
        app.tree.other_commune,
        "Phạm Thị Khác",
        false,
        "CB900",
    )
    .await;
    let cases = [
        (
            json!([figure(&s.an, "RECEIVED", Some(-1))]),
            OCTOBER,
            "figures[0].value",
        ),
        (
            json!([
                figure(&s.an, "RECEIVED", Some(5)),
                figure(&s.an, "NO_SUCH", Some(1))
            ]),
            OCTOBER,
            "figures[1].measureCode",
        ),
        (
            json!([figure(&c2_staff, "RECEIVED", Some(5))]),
            OCTOBER,
            "figures[0].staffId",
        ),
        (
            json!([
                figure(&s.an, "RECEIVED", Some(5)),
                figure(&s.an, "RECEIVED", Some(6))
            ]),
            OCTOBER,
            "figures[1]",
        ),
        (
            json!([
                figure(&s.an, "RECEIVED", Some(5)),
                figure(&s.an, "FULL_ONLINE", Some(9))
            ]),
            OCTOBER,
            "figures",
        ),
        (json!([figure(&s.an, "RECEIVED", Some(5))]), 13, "month"),
        (json!([]), OCTOBER, "figures"),
    ];
    for (figures, month, field) in cases {
        let body = save(&app, "officer", c1, month, figures.clone()).await;
        assert_error(&body, "VALIDATION");
        assert_eq!(error_field(&body), Some(field), "{figures}: {body}");
    }
    // A month that has not begun.
    let body = app
        .as_user(
            "officer",
            "mutation($u: ID!, $f: [StaffFigureInput!]!) { saveStaffFigures(unitId: $u, year: 2099, month: 1, figures: $f) { saved } }",
            json!({"u": c1.to_string(), "f": [figure(&s.an, "RECEIVED", Some(1))]}),
        )
        .await;
    assert_eq!(error_field(&body), Some("month"));
    // The officer of C1 cannot enter C2's staff figures.
    let body = save(
        &app,
        "officer",
        app.tree.other_commune,
        OCTOBER,
        json!([figure(&c2_staff, "RECEIVED", Some(1))]),
    )
    .await;
    assert!(
        matches!(error_code(&body), Some("NOT_FOUND" | "FORBIDDEN")),
        "{body}"
    );
    assert!(
        sheet(&app, OCTOBER).await["figures"]
            .as_array()
            .unwrap()
            .is_empty(),
        "nothing was stored"
    );
}
