//! The page layout of a notice, pure: A4 pages with the margins of an administrative
//! document, text wrapped to a width, tables whose rows wrap their cells and that go on to a
//! new page (repeating their header) when the page is full, fixed-height blocks (the chart),
//! and "Trang i/n" at the foot of every page once their number is known. It produces drawing
//! operations; [`super`] hands them to the PDF writer. Text is measured through [`Measure`].

/// A4 in points.
pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
/// Margins: 30 mm left (the binding), 15 mm right, 20 mm top and bottom.
pub const LEFT: f32 = 85.0;
pub const RIGHT: f32 = 42.5;
pub const TOP: f32 = 56.7;
pub const BOTTOM: f32 = 56.7;
/// The width between the margins.
pub const WIDTH: f32 = PAGE_W - LEFT - RIGHT;
/// Space kept at the foot of a page for its number.
const FOOTER: f32 = 18.0;
/// A cell's inner padding.
const PAD: f32 = 2.0;
/// The distance between two baselines in a table cell, as a share of the font size:
/// tighter than in running text.
const CELL_LEADING: f32 = 1.2;

/// How wide a text is in a style.
pub trait Measure {
    fn width(&self, text: &str, style: Style) -> f32;
}

/// A text style: size in points, bold or not.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
}

impl Style {
    pub const fn regular(size: f32) -> Style {
        Style { size, bold: false }
    }
    pub const fn bold(size: f32) -> Style {
        Style { size, bold: true }
    }
    /// The distance between two baselines.
    pub fn leading(self) -> f32 {
        self.size * 1.3
    }
}

/// Horizontal alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// An RGB colour.
pub type Rgb = (u8, u8, u8);
pub const BLACK: Rgb = (0, 0, 0);
pub const GRID: Rgb = (110, 110, 110);
pub const SHADE: Rgb = (225, 230, 238);

/// A drawing operation, in points from the page's top left corner (y down).
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Text on its baseline at `x`.
    Text {
        x: f32,
        y: f32,
        text: String,
        style: Style,
        color: Rgb,
    },
    /// A filled rectangle.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
    /// A straight line.
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: Rgb,
    },
}

/// Wraps `text` into lines no wider than `width`, breaking between words, and inside a
/// word only when the word alone is wider than the line. Never empty: an empty text is one
/// empty line.
pub fn wrap(m: &impl Measure, text: &str, style: Style, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if m.width(&candidate, style) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone: split it where it overflows.
            for ch in word.chars() {
                line.push(ch);
                if m.width(&line, style) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(ch);
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// A table column.
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub width: f32,
    pub align: Align,
}

/// A table row: cells, or a heading across every column (a unit kind).
#[derive(Debug, Clone)]
pub enum Row {
    Cells(Vec<String>),
    Heading(String),
}

/// A table: columns and rows, in one style.
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub style: Style,
}

/// Pages being filled from the top, one after the other.
pub struct Flow<'m, M: Measure> {
    m: &'m M,
    pages: Vec<Vec<Op>>,
    /// The top of the free space on the current page.
    y: f32,
}

impl<'m, M: Measure> Flow<'m, M> {
    /// One empty page.
    pub fn new(m: &'m M) -> Self {
        Flow {
            m,
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    /// The measure in use.
    pub fn measure(&self) -> &'m M {
        self.m
    }

    /// The top of the free space on the current page.
    pub fn y(&self) -> f32 {
        self.y
    }

    /// The height left on the current page.
    pub fn remaining(&self) -> f32 {
        PAGE_H - BOTTOM - FOOTER - self.y
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` still fits on this one (or the page is empty).
    pub fn ensure(&mut self, height: f32) {
        if height > self.remaining() && self.y > TOP {
            self.new_page();
        }
    }

    /// Moves down by `height`.
    pub fn space(&mut self, height: f32) {
        self.y += height;
    }

    fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Draws one line of text aligned in the box `x..x + width` with its top at the
    /// current position, without moving.
    pub fn text_at(&mut self, text: &str, style: Style, x: f32, width: f32, align: Align) {
        let y = self.y + style.size;
        let op = text_op(self.m, text, style, (x, y), width, align, BLACK);
        self.page().push(op);
    }

    /// A paragraph wrapped to `x..x + width`, going on to a new page line by line.
    pub fn paragraph(&mut self, text: &str, style: Style, x: f32, width: f32, align: Align) {
        for line in wrap(self.m, text, style, width) {
            self.ensure(style.leading());
            self.text_at(&line, style, x, width, align);
            self.y += style.leading();
        }
    }

    /// A block of fixed `height` drawn by `draw` from its top left corner, on a new page
    /// when it does not fit on this one.
    pub fn block(&mut self, height: f32, draw: impl FnOnce(&M, (f32, f32)) -> Vec<Op>) {
        self.ensure(height);
        let ops = draw(self.m, (LEFT, self.y));
        self.page().extend(ops);
        self.y += height;
    }

    /// A table across the page width, its header repeated on every page it spans.
    pub fn table(&mut self, t: &Table) {
        let header: Vec<String> = t.columns.iter().map(|c| c.title.clone()).collect();
        let head_style = Style::bold(t.style.size);
        let head_h = self.row_height(&t.columns, &header, head_style);
        let mut first = true;
        let height = |flow: &Self, row: &Row| match row {
            Row::Cells(cells) => flow.row_height(&t.columns, cells, t.style),
            Row::Heading(_) => t.style.size * CELL_LEADING + 2.0 * PAD,
        };
        for (i, row) in t.rows.iter().enumerate() {
            // A heading row never stays last on a page: it needs the row after it too.
            let h = match (row, t.rows.get(i + 1)) {
                (Row::Heading(_), Some(next)) => height(self, row) + height(self, next),
                _ => height(self, row),
            };
            if first || h > self.remaining() {
                self.ensure(head_h + h);
                self.draw_row(&t.columns, &header, head_style, Some(SHADE));
                first = false;
            }
            match row {
                Row::Cells(cells) => self.draw_row(&t.columns, cells, t.style, None),
                Row::Heading(title) => {
                    let width: f32 = t.columns.iter().map(|c| c.width).sum();
                    let col = [Column {
                        title: String::new(),
                        width,
                        align: Align::Left,
                    }];
                    self.draw_row(&col, std::slice::from_ref(title), head_style, None);
                }
            }
        }
        if t.rows.is_empty() {
            self.ensure(head_h);
            self.draw_row(&t.columns, &header, head_style, Some(SHADE));
        }
    }

    fn row_height(&self, columns: &[Column], cells: &[String], style: Style) -> f32 {
        let lines = columns
            .iter()
            .zip(cells)
            .map(|(c, text)| wrap(self.m, text, style, c.width - 2.0 * PAD).len())
            .max()
            .unwrap_or(1)
            .max(1);
        lines as f32 * style.size * CELL_LEADING + 2.0 * PAD
    }

    fn draw_row(&mut self, columns: &[Column], cells: &[String], style: Style, fill: Option<Rgb>) {
        let h = self.row_height(columns, cells, style);
        let (top, m) = (self.y, self.m);
        let width: f32 = columns.iter().map(|c| c.width).sum();
        let mut ops = Vec::new();
        if let Some(color) = fill {
            ops.push(Op::Rect {
                x: LEFT,
                y: top,
                w: width,
                h,
                color,
            });
        }
        let mut x = LEFT;
        for (c, text) in columns.iter().zip(cells) {
            let mut y = top + PAD + style.size;
            for line in wrap(m, text, style, c.width - 2.0 * PAD) {
                let align = if fill.is_some() {
                    Align::Center
                } else {
                    c.align
                };
                ops.push(text_op(
                    m,
                    &line,
                    style,
                    (x + PAD, y),
                    c.width - 2.0 * PAD,
                    align,
                    BLACK,
                ));
                y += style.size * CELL_LEADING;
            }
            ops.push(line_op((x, top), (x, top + h)));
            x += c.width;
        }
        ops.push(line_op((x, top), (x, top + h)));
        ops.push(line_op((LEFT, top), (LEFT + width, top)));
        ops.push(line_op((LEFT, top + h), (LEFT + width, top + h)));
        self.page().extend(ops);
        self.y += h;
    }

    /// The pages, each with `running` (what the document is: its unit and period, so
    /// that a loose page still says it) and "Trang i/n" at its foot.
    pub fn finish(mut self, running: &str) -> Vec<Vec<Op>> {
        let n = self.pages.len();
        let style = Style::regular(8.5);
        for (i, page) in self.pages.iter_mut().enumerate() {
            let label = if running.is_empty() {
                format!("Trang {}/{n}", i + 1)
            } else {
                format!("{running} — Trang {}/{n}", i + 1)
            };
            let y = PAGE_H - BOTTOM;
            page.push(text_op(
                self.m,
                &label,
                style,
                (LEFT, y),
                WIDTH,
                Align::Center,
                GRID,
            ));
        }
        self.pages
    }
}

/// A text operation aligned in `x..x + width` on baseline `y`.
pub fn text_op(
    m: &impl Measure,
    text: &str,
    style: Style,
    (x, y): (f32, f32),
    width: f32,
    align: Align,
    color: Rgb,
) -> Op {
    let w = m.width(text, style);
    let x = match align {
        Align::Left => x,
        Align::Center => x + (width - w) / 2.0,
        Align::Right => x + width - w,
    };
    Op::Text {
        x,
        y,
        text: text.to_owned(),
        style,
        color,
    }
}

fn line_op(from: (f32, f32), to: (f32, f32)) -> Op {
    Op::Line {
        from,
        to,
        width: 0.5,
        color: GRID,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character half the font size wide.
    struct Mono;
    impl Measure for Mono {
        fn width(&self, text: &str, style: Style) -> f32 {
            text.chars().count() as f32 * style.size / 2.0
        }
    }

    const S: Style = Style::regular(10.0);

    fn texts(page: &[Op]) -> Vec<&str> {
        page.iter()
            .filter_map(|op| match op {
                Op::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn words_wrap_between_words_to_the_width() {
        // 5 points a character: 50 points hold 10 characters.
        let lines = wrap(&Mono, "Ủy ban nhân dân tỉnh Hòa Bình", S, 50.0);
        assert_eq!(lines, ["Ủy ban", "nhân dân", "tỉnh Hòa", "Bình"]);
        assert!(lines.iter().all(|l| Mono.width(l, S) <= 50.0));
    }

    #[test]
    fn a_word_longer_than_the_line_is_split_and_nothing_is_lost() {
        let lines = wrap(&Mono, "a Chuyểnđổisốtoàndiện b", S, 30.0);
        assert_eq!(lines, ["a", "Chuyển", "đổisốt", "oàndiệ", "n b"]);
        assert_eq!(lines.concat().replace(' ', ""), "aChuyểnđổisốtoàndiệnb");
        assert_eq!(wrap(&Mono, "", S, 30.0), [""]);
        assert_eq!(wrap(&Mono, "một\nhai", S, 300.0), ["một", "hai"]);
    }

    fn table(rows: usize) -> Table {
        Table {
            columns: vec![
                Column {
                    title: "Hạng".into(),
                    width: 40.0,
                    align: Align::Right,
                },
                Column {
                    title: "Đơn vị".into(),
                    width: 200.0,
                    align: Align::Left,
                },
            ],
            rows: (1..=rows)
                .map(|i| Row::Cells(vec![i.to_string(), format!("Xã số {i}")]))
                .collect(),
            style: S,
        }
    }

    #[test]
    fn a_long_table_goes_on_to_new_pages_with_its_header_and_page_numbers() {
        let mut flow = Flow::new(&Mono);
        flow.table(&table(100));
        let pages = flow.finish("");
        // Rows are 12 + 4 = 16 points; a page holds (841.89 - 2 × 56.7 - 18) / 16 ≈ 44 rows
        // with its header: three pages.
        assert_eq!(pages.len(), 3);
        for (i, page) in pages.iter().enumerate() {
            let t = texts(page);
            assert_eq!(
                t[..2],
                ["Hạng", "Đơn vị"],
                "the header opens page {}",
                i + 1
            );
            assert_eq!(
                t.last().copied(),
                Some(format!("Trang {}/3", i + 1).as_str())
            );
        }
        let all: Vec<&str> = pages.iter().flat_map(|p| texts(p)).collect();
        for i in 1..=100 {
            let name = format!("Xã số {i}");
            assert_eq!(all.iter().filter(|t| **t == name).count(), 1, "{name} once");
        }
        // No row is drawn across the bottom margin.
        for page in &pages {
            for op in page {
                if let Op::Text { y, .. } = op {
                    assert!(*y <= PAGE_H - BOTTOM + 0.01, "{y}");
                }
            }
        }
    }

    #[test]
    fn a_short_table_stays_on_its_page_and_wrapped_cells_make_a_taller_row() {
        let mut flow = Flow::new(&Mono);
        let mut t = table(2);
        t.rows.push(Row::Cells(vec!["3".into(), "Xã ".repeat(40)]));
        let before = flow.y();
        flow.table(&t);
        let used = flow.y() - before;
        // The header and two rows of one line, and a row of 120 characters wrapped into
        // lines of at most 39 (196 points): four lines.
        assert!(
            (used - (3.0 * 16.0 + (4.0 * 12.0 + 4.0))).abs() < 0.01,
            "{used}"
        );
        assert_eq!(flow.finish("").len(), 1);
    }

    #[test]
    fn a_heading_row_goes_on_to_the_next_page_with_the_row_after_it() {
        let mut flow = Flow::new(&Mono);
        // Room for the header, one row and a little more.
        flow.space(flow.remaining() - 2.0 * 16.0 - 8.0);
        let mut t = table(0);
        t.rows = vec![
            Row::Cells(vec!["1".into(), "Sở Một".into()]),
            Row::Heading("Xã, phường".into()),
            Row::Cells(vec!["1".into(), "Xã Một".into()]),
        ];
        flow.table(&t);
        let pages = flow.finish("");
        assert_eq!(pages.len(), 2);
        assert_eq!(texts(&pages[0])[..4], ["Hạng", "Đơn vị", "1", "Sở Một"]);
        assert!(!texts(&pages[0]).contains(&"Xã, phường"));
        assert_eq!(
            texts(&pages[1])[..5],
            ["Hạng", "Đơn vị", "Xã, phường", "1", "Xã Một"]
        );
    }

    #[test]
    fn a_block_that_does_not_fit_starts_a_new_page() {
        let mut flow = Flow::new(&Mono);
        flow.space(600.0);
        flow.block(200.0, |_, (x, y)| {
            vec![Op::Rect {
                x,
                y,
                w: 10.0,
                h: 10.0,
                color: BLACK,
            }]
        });
        let pages = flow.finish("");
        assert_eq!(pages.len(), 2);
        assert!(matches!(pages[1][0], Op::Rect { y, .. } if (y - TOP).abs() < 0.01));
    }
}
