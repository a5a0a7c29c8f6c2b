// Starts the app. A file of its own, not an inline <script>, so that the Content-Security-Policy
// needs no 'unsafe-inline' for scripts. Absolute paths: the server answers every unknown path
// (/units/3 …) with index.html. The build (scripts/build-frontend.sh) replaces the names of the
// wasm and its glue by their hashed names.
import init from '/frontend.js';

// On a phone every data table (`table.table`) reads as cards: each cell shows its column's
// heading before its value (style.css, `td::before { content: attr(data-label) }`). The
// headings are copied here, for every table of the app at once, as rows appear; again when
// the language changes. Tables that label their own cells (`stack-table`) are left alone.
const TABLES = 'table.table:not(.stack-table)';

function headingText(th) {
  let text = '';
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += child.data;
      else if (child.nodeType === Node.ELEMENT_NODE && child.getAttribute('aria-hidden') !== 'true') walk(child);
    }
  };
  walk(th);
  return text.replace(/\s+/g, ' ').trim();
}

function headings(table) {
  const labels = [];
  const row = table.tHead && table.tHead.rows[0];
  if (!row) return labels;
  for (const th of row.cells) {
    const text = headingText(th);
    for (let i = 0; i < th.colSpan; i++) labels.push(text);
  }
  return labels;
}

function labelRows(rows) {
  const byTable = new Map();
  for (const tr of rows) {
    const table = tr.closest('table');
    if (!table) continue;
    let labels = byTable.get(table);
    if (!labels) byTable.set(table, (labels = headings(table)));
    let col = 0;
    for (const cell of tr.cells) {
      const label = labels[col];
      if (label) cell.setAttribute('data-label', label);
      else cell.removeAttribute('data-label');
      col += cell.colSpan;
    }
    tr.setAttribute('data-labelled', '');
  }
}

let pending = false;
function labelNewRows() {
  pending = false;
  labelRows(document.querySelectorAll(`${TABLES} > tbody > tr:not([data-labelled])`));
}
new MutationObserver(() => {
  if (!pending) {
    pending = true;
    queueMicrotask(labelNewRows);
  }
}).observe(document.body, { childList: true, subtree: true });
new MutationObserver(() => {
  // The headings' texts change with the language after this runs: relabel once they have.
  requestAnimationFrame(() => labelRows(document.querySelectorAll(`${TABLES} > tbody > tr`)));
}).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });

init({ module_or_path: '/frontend_bg.wasm' });
