//! The results notice (Thông báo kết quả) as an A4 PDF in Vietnamese: the heading of an
//! administrative document, the unit's indicators with a chart, the ranking of its units
//! with their change since the previous period, who is off track and who reported late.
//! [`layout`] places everything on pages, [`chart`] draws the bars, [`fonts`] holds the
//! built-in typeface; this module composes the notice and writes it with `krilla`.

mod chart;
mod fonts;
pub mod layout;

use super::Rendered;
use super::labels;
use crate::domain::notice::{Notice, RankLine};
use crate::error::ServiceResult;
use chrono::{Datelike, NaiveDate};
use fonts::Fonts;
use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::TextDirection;
use layout::{Align, Column, Flow, LEFT, Measure, Op, Rgb, Row, Style, Table, WIDTH};
use shared::{IndicatorKind, TrackStatus};

/// The title of every notice.
pub const TITLE: &str = "THÔNG BÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU DỊCH VỤ CÔNG TRỰC TUYẾN";

const BODY: Style = Style::regular(10.0);
const SMALL: Style = Style::regular(8.5);
const HEADING: Style = Style::bold(10.5);

/// The notice as a PDF file.
pub fn file(notice: &Notice) -> ServiceResult<Rendered> {
    let fonts = Fonts::load()?;
    let pages = compose(&fonts, notice);
    let bytes = write(&fonts, &pages, notice)?;
    let stem = format!(
        "Thông báo kết quả - {} - {}",
        notice.unit_name,
        labels::period(&notice.period).replace('/', "-")
    );
    Ok(Rendered {
        bytes,
        content_type: "application/pdf",
        file_name: format!("{stem}.pdf"),
        ascii_file_name: format!("{}.pdf", labels::ascii_file_name(&stem)),
    })
}

/// `dd/mm/yyyy`.
pub fn date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// A number with a decimal comma and `decimals` digits.
fn decimal(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$}").replace('.', ",")
}

/// A rate in percent: `62,5 %`.
pub fn percent(v: f64) -> String {
    format!("{} %", decimal(v, 1))
}

/// A count with dots between thousands: `12.345`.
fn count(v: f64) -> String {
    let n = v.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

fn value(kind: IndicatorKind, v: Option<f64>) -> String {
    match (kind, v) {
        (_, None) => "—".to_owned(),
        (IndicatorKind::Rate, Some(v)) => percent(v),
        (IndicatorKind::Count, Some(v)) => count(v),
    }
}

/// The colour of a status in the chart.
pub fn status_color(s: TrackStatus) -> Rgb {
    match s {
        TrackStatus::OnTrack => (46, 139, 87),
        TrackStatus::AtRisk => (230, 160, 30),
        TrackStatus::OffTrack => (200, 50, 45),
        TrackStatus::NoData => (170, 170, 170),
    }
}

/// `+2`, `-1`, `0`, or `—` without a previous rank.
fn places(change: Option<i64>) -> String {
    match change {
        None => "—".to_owned(),
        Some(0) => "0".to_owned(),
        Some(c) if c > 0 => format!("+{c}"),
        Some(c) => c.to_string(),
    }
}

fn points_change(change: Option<f64>) -> String {
    match change {
        None => "—".to_owned(),
        Some(c) if c > 0.0 => format!("+{}", decimal(c, 2)),
        Some(c) => decimal(c, 2),
    }
}

fn col(title: &str, width: f32, align: Align) -> Column {
    Column {
        title: title.to_owned(),
        width,
        align,
    }
}

/// Places the notice on pages.
pub fn compose<M: Measure>(m: &M, n: &Notice) -> Vec<Vec<Op>> {
    let mut f = Flow::new(m);
    heading(&mut f, n);
    section(&mut f, "I. KẾT QUẢ CÁC CHỈ TIÊU CỦA ĐƠN VỊ");
    indicators(&mut f, n);
    section(&mut f, "II. XẾP HẠNG CÁC ĐƠN VỊ");
    ranking(&mut f, n);
    section(&mut f, "III. ĐƠN VỊ CHẬM TIẾN ĐỘ, CÓ NGUY CƠ CHẬM");
    watch(&mut f, n);
    section(&mut f, "IV. ĐƠN VỊ GỬI BÁO CÁO CHẬM");
    late(&mut f, n);
    f.space(10.0);
    f.paragraph(
        &format!(
            "Thông báo được lập từ hệ thống theo dõi chỉ tiêu ngày {}, trên mọi số liệu đã lưu đến thời điểm lập.",
            date(n.issued_on)
        ),
        SMALL,
        LEFT,
        WIDTH,
        Align::Left,
    );
    f.finish(&format!(
        "Thông báo kết quả — {} — {}",
        n.unit_name,
        labels::period(&n.period)
    ))
}

fn heading<M: Measure>(f: &mut Flow<'_, M>, n: &Notice) {
    let half = WIDTH * 0.42;
    let right_x = LEFT + half;
    let right_w = WIDTH - half;
    let top = f.y();
    f.text_at(
        &n.province.to_uppercase(),
        Style::regular(10.0),
        LEFT,
        half,
        Align::Center,
    );
    f.text_at(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        Style::bold(10.0),
        right_x,
        right_w,
        Align::Center,
    );
    f.space(13.0);
    f.text_at(
        "HỆ THỐNG THEO DÕI CHỈ TIÊU",
        Style::bold(10.0),
        LEFT,
        half,
        Align::Center,
    );
    f.text_at(
        "Độc lập - Tự do - Hạnh phúc",
        Style::bold(10.5),
        right_x,
        right_w,
        Align::Center,
    );
    f.space(19.5);
    let y = f.y();
    let m = f.measure();
    let under = |x: f32, w: f32, text_w: f32| {
        let start = x + (w - text_w) / 2.0;
        Op::Line {
            from: (start, y),
            to: (start + text_w, y),
            width: 0.6,
            color: layout::BLACK,
        }
    };
    let lines = vec![
        under(LEFT, half, 60.0),
        under(
            right_x,
            right_w,
            m.width("Độc lập - Tự do - Hạnh phúc", Style::bold(10.5)),
        ),
    ];
    f.block(6.0, |_, _| lines);
    f.text_at(
        &format!("Ngày ban hành: {}", date(n.issued_on)),
        Style::regular(10.0),
        right_x,
        right_w,
        Align::Center,
    );
    f.space(26.0);
    debug_assert!(f.y() > top);
    // The title on two balanced lines rather than a word left alone on the second.
    let title = TITLE.replacen(" DỊCH VỤ", "\nDỊCH VỤ", 1);
    f.paragraph(&title, Style::bold(13.0), LEFT, WIDTH, Align::Center);
    f.space(2.0);
    f.paragraph(
        &format!("Đơn vị: {}", n.unit_name),
        Style::bold(11.0),
        LEFT,
        WIDTH,
        Align::Center,
    );
    f.paragraph(
        &format!("Kỳ: {}", labels::period(&n.period)),
        Style::regular(11.0),
        LEFT,
        WIDTH,
        Align::Center,
    );
    f.space(8.0);
}

fn section<M: Measure>(f: &mut Flow<'_, M>, title: &str) {
    f.space(6.0);
    // A heading never stays alone at the foot of a page.
    f.ensure(HEADING.leading() + 90.0);
    f.paragraph(title, HEADING, LEFT, WIDTH, Align::Left);
    f.space(3.0);
}

fn note<M: Measure>(f: &mut Flow<'_, M>, text: &str) {
    f.paragraph(text, BODY, LEFT + 12.0, WIDTH - 12.0, Align::Left);
}

fn indicators<M: Measure>(f: &mut Flow<'_, M>, n: &Notice) {
    if n.indicators.is_empty() {
        note(f, "Chưa có chỉ tiêu nào được theo dõi.");
        return;
    }
    let rows = n
        .indicators
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let points = match l.points {
                Some(p) => format!("{}/{}", decimal(p, 1), decimal(l.max_points, 0)),
                None => "—".to_owned(),
            };
            Row::Cells(vec![
                (i + 1).to_string(),
                l.name.clone(),
                value(l.kind, l.value),
                value(l.kind, l.milestone),
                value(l.kind, l.target),
                labels::track_status(l.status).to_owned(),
                points,
            ])
        })
        .collect();
    f.table(&Table {
        columns: vec![
            col("STT", 24.0, Align::Center),
            col("Chỉ tiêu", 166.0, Align::Left),
            col("Kết quả", 52.0, Align::Right),
            col("Mốc lộ trình", 52.0, Align::Right),
            col("Chỉ tiêu năm", 52.0, Align::Right),
            col("Tình trạng", 70.0, Align::Left),
            col("Điểm", 51.8, Align::Right),
        ],
        rows,
        style: SMALL,
    });
    if !chart::bars(&n.indicators).is_empty() {
        f.space(8.0);
        let lines = n.indicators.clone();
        let h = chart::height(f.measure(), &lines);
        f.ensure(h + SMALL.leading() + 4.0);
        f.paragraph(
            "Biểu đồ: kết quả các chỉ tiêu tỷ lệ so với mốc lộ trình và chỉ tiêu năm của đơn vị",
            Style::bold(8.5),
            LEFT,
            WIDTH,
            Align::Center,
        );
        f.space(4.0);
        f.block(h, |m, origin| chart::draw(m, &lines, origin));
    }
}

fn ranking<M: Measure>(f: &mut Flow<'_, M>, n: &Notice) {
    if n.ranking.is_empty() {
        note(f, "Đơn vị không có đơn vị trực thuộc để xếp hạng.");
        return;
    }
    if let Some(p) = &n.previous {
        note(
            f,
            &format!(
                "Xếp hạng theo điểm (thang 100) trong từng loại đơn vị; so sánh với {}.",
                labels::period(p).to_lowercase()
            ),
        );
        f.space(3.0);
    }
    let mut rows = Vec::new();
    let mut kind = None;
    let kinds = n
        .ranking
        .iter()
        .map(|l| l.kind)
        .collect::<std::collections::BTreeSet<_>>();
    for l in &n.ranking {
        if kinds.len() > 1 && kind != Some(l.kind) {
            rows.push(Row::Heading(labels::unit_kind(l.kind).to_owned()));
            kind = Some(l.kind);
        }
        rows.push(rank_row(l));
    }
    f.table(&Table {
        columns: vec![
            col("Hạng", 34.0, Align::Center),
            col("Đơn vị", 190.0, Align::Left),
            col("Điểm", 55.0, Align::Right),
            col("Hạng kỳ trước", 60.0, Align::Center),
            col("Thay đổi hạng", 60.0, Align::Center),
            col("Thay đổi điểm", 68.8, Align::Right),
        ],
        rows,
        style: Style::regular(8.0),
    });
}

fn rank_row(l: &RankLine) -> Row {
    let opt = |v: Option<u32>| v.map_or_else(|| "—".to_owned(), |r| r.to_string());
    Row::Cells(vec![
        opt(l.rank),
        l.name.clone(),
        l.score.map_or_else(|| "—".to_owned(), |s| decimal(s, 2)),
        opt(l.previous_rank),
        places(l.rank_change),
        points_change(l.score_change),
    ])
}

fn watch<M: Measure>(f: &mut Flow<'_, M>, n: &Notice) {
    if n.watch.is_empty() {
        note(f, "Không có đơn vị nào chậm tiến độ hoặc có nguy cơ chậm.");
        return;
    }
    let rows = n
        .watch
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let numbers = |v: &[usize]| {
                v.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            Row::Cells(vec![
                (i + 1).to_string(),
                l.unit.clone(),
                numbers(&l.off_track),
                numbers(&l.at_risk),
            ])
        })
        .collect();
    note(f, "Chỉ tiêu ghi theo số thứ tự tại mục I.");
    f.space(3.0);
    f.table(&Table {
        columns: vec![
            col("STT", 24.0, Align::Center),
            col("Đơn vị", 203.0, Align::Left),
            col("Chậm tiến độ (chỉ tiêu số)", 120.0, Align::Left),
            col("Có nguy cơ chậm (chỉ tiêu số)", 120.8, Align::Left),
        ],
        rows,
        style: SMALL,
    });
    if n.watch_more > 0 {
        f.space(2.0);
        note(f, &format!("… và {} đơn vị khác.", n.watch_more));
    }
}

fn late<M: Measure>(f: &mut Flow<'_, M>, n: &Notice) {
    if n.late.is_empty() {
        note(f, "Không có đơn vị nào gửi báo cáo chậm trong kỳ.");
        return;
    }
    let rows = n
        .late
        .iter()
        .enumerate()
        .map(|(i, l)| {
            Row::Cells(vec![
                (i + 1).to_string(),
                l.unit.clone(),
                format!("{}/{}", l.month, l.year),
                date(l.due_on),
                l.submitted_on.map_or_else(|| "Chưa gửi".to_owned(), date),
                l.days_late.to_string(),
            ])
        })
        .collect();
    f.table(&Table {
        columns: vec![
            col("STT", 24.0, Align::Center),
            col("Đơn vị", 175.0, Align::Left),
            col("Tháng", 55.0, Align::Center),
            col("Hạn gửi", 65.0, Align::Center),
            col("Ngày gửi", 75.0, Align::Center),
            col("Số ngày chậm", 73.8, Align::Right),
        ],
        rows,
        style: SMALL,
    });
    if n.late_more > 0 {
        f.space(2.0);
        note(f, &format!("… và {} tháng báo cáo chậm khác.", n.late_more));
    }
}

fn rgb((r, g, b): Rgb) -> krilla::color::rgb::Color {
    krilla::color::rgb::Color::new(r, g, b)
}

/// Writes the pages with the built-in fonts (subset, with their Unicode mapping).
fn write(fonts: &Fonts, pages: &[Vec<Op>], n: &Notice) -> ServiceResult<Vec<u8>> {
    let mut doc = krilla::Document::new();
    doc.set_metadata(
        krilla::metadata::Metadata::new()
            .title(format!(
                "{TITLE} - {} - {}",
                n.unit_name,
                labels::period(&n.period)
            ))
            .language("vi".to_owned())
            .creator("Chỉ tiêu".to_owned()),
    );
    let size = PageSettings::from_wh(layout::PAGE_W, layout::PAGE_H)
        .ok_or_else(|| anyhow::anyhow!("the A4 page size is refused"))?;
    for ops in pages {
        let mut page = doc.start_page_with(size.clone());
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    text,
                    style,
                    color,
                } => {
                    surface.set_fill(Some(Fill {
                        paint: rgb(*color).into(),
                        ..Fill::default()
                    }));
                    surface.draw_text(
                        Point::from_xy(*x, *y),
                        fonts.of(*style),
                        style.size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Rect { x, y, w, h, color } => {
                    let Some(rect) = krilla::geom::Rect::from_xywh(*x, *y, *w, *h) else {
                        continue;
                    };
                    let mut pb = PathBuilder::new();
                    pb.push_rect(rect);
                    if let Some(path) = pb.finish() {
                        surface.set_stroke(None);
                        surface.set_fill(Some(Fill {
                            paint: rgb(*color).into(),
                            ..Fill::default()
                        }));
                        surface.draw_path(&path);
                    }
                }
                Op::Line {
                    from,
                    to,
                    width,
                    color,
                } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(from.0, from.1);
                    pb.line_to(to.0, to.1);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            paint: rgb(*color).into(),
                            width: *width,
                            ..Stroke::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    doc.finish()
        .map_err(|e| anyhow::anyhow!("the notice could not be written as PDF: {e:?}").into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_vietnamese_way() {
        assert_eq!(percent(62.456), "62,5 %");
        assert_eq!(count(1_234_567.0), "1.234.567");
        assert_eq!(count(-1234.0), "-1.234");
        assert_eq!(count(12.0), "12");
        assert_eq!(places(Some(2)), "+2");
        assert_eq!(places(Some(-1)), "-1");
        assert_eq!(points_change(Some(1.5)), "+1,50");
        assert_eq!(
            date(NaiveDate::from_ymd_opt(2026, 3, 9).unwrap()),
            "09/03/2026"
        );
    }
}
