// Lighthouse (desktop and mobile) and axe-core on the main pages of the web app, logged in.
// Run by scripts/lighthouse, which starts the demo server and installs the npm packages into
// target/tools/lighthouse; see there for the knobs.
//
//   node audit.mjs BASE_URL OUT_DIR
//
// The app keeps its session token in localStorage ("chitieu.token"): the script logs in over
// GraphQL once, and every page gets the token before its first script runs
// (evaluateOnNewDocument). Lighthouse is told not to clear storage (disableStorageReset).
// Prints a markdown table and writes OUT_DIR/result.md, OUT_DIR/result.json and one
// Lighthouse JSON report per page and form factor.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const [base, outDir] = process.argv.slice(2);
const user = process.env.LH_USER || 'admin';
const password = process.env.LH_PASSWORD || 'ChiTieu@2023';
const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
const runs = Number(process.env.LH_RUNS || 1);
fs.mkdirSync(outDir, { recursive: true });

async function gql(query, variables, token) {
  const r = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const j = await r.json();
  if (j.errors) throw new Error(`${query}: ${JSON.stringify(j.errors)}`);
  return j.data;
}

const login = await gql(
  'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { unit { id } } } }',
  { u: user, p: password },
);
const token = login.login.token;
const unitId = login.login.user.unit.id;

// [name, path, the element that says the page has its data]
const pages = [
  ['dashboard', '/dashboard', '[data-testid=scoreboard-communes] tbody tr'],
  ['approvals', '/approvals', '[data-testid=approvals-page]'],
  ['unit', `/units/${unitId}`, '[data-testid=unit-page]'],
  ['targets', '/targets', '[data-testid=decisions-page]'],
  ['report', '/report', '[data-testid=report-page]'],
  ['admin', '/admin', '[data-testid=admin-page]'],
].filter(([name]) => !process.env.LH_PAGES || process.env.LH_PAGES.split(',').includes(name));

const browser = await puppeteer.launch({
  executablePath: chrome,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function newPage() {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument((t) => {
    localStorage.setItem('chitieu.token', t);
    localStorage.setItem('chitieu.lang', 'vi');
  }, token);
  return page;
}

/** axe-core on a page once its data is there: violations by impact, with their rules. */
async function axe(route, ready) {
  const page = await newPage();
  await page.setViewport({ width: 1366, height: 768 });
  await page.goto(base + route, { waitUntil: 'load' });
  await page.waitForSelector(ready, { timeout: 30000 }).catch(() => {});
  await page.evaluate(AXE);
  const res = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  });
  await page.close();
  return res;
}

async function audit(route, formFactor) {
  const results = [];
  // A run whose trace went wrong (NO_NAVSTART happens now and then) is run again, twice at most.
  for (let i = 0, tries = 0; i < runs; tries++) {
    const page = await newPage();
    const flags = { output: 'json', logLevel: 'error', disableStorageReset: true, onlyCategories: ['performance', 'accessibility'] };
    const config = formFactor === 'desktop' ? desktopConfig : undefined;
    const r = await lighthouse(base + route, flags, config, page);
    await page.close();
    if (r.lhr.runtimeError && tries < runs + 2) {
      process.stderr.write(`==> ${route} ${formFactor}: ${r.lhr.runtimeError.code}, again\n`);
      continue;
    }
    results.push(r.lhr);
    i++;
  }
  const lhr = results.sort((a, b) => a.categories.performance.score - b.categories.performance.score)[Math.floor(results.length / 2)];
  return lhr;
}

const rows = [];
for (const [name, route, ready] of pages) {
  const row = { page: name, path: route };
  for (const ff of ['desktop', 'mobile']) {
    const lhr = await audit(route, ff);
    fs.writeFileSync(path.join(outDir, `${name}-${ff}.json`), JSON.stringify(lhr));
    const a = lhr.audits;
    row[ff] = {
      performance: Math.round(lhr.categories.performance.score * 100),
      accessibility: Math.round(lhr.categories.accessibility.score * 100),
      tbt: Math.round(a['total-blocking-time'].numericValue),
      lcp: Math.round(a['largest-contentful-paint'].numericValue),
      longestTask: Math.round(Math.max(0, ...(a['long-tasks']?.details?.items || []).map((t) => t.duration))),
      failedA11y: Object.values(lhr.categories.accessibility.auditRefs)
        .map((ref) => a[ref.id])
        .filter((x) => x && x.score !== null && x.score < 1 && x.scoreDisplayMode === 'binary')
        .map((x) => x.id),
    };
  }
  const v = await axe(route, ready);
  row.axe = {
    critical: v.filter((x) => x.impact === 'critical').length,
    serious: v.filter((x) => x.impact === 'serious').length,
    other: v.filter((x) => x.impact !== 'critical' && x.impact !== 'serious').length,
    rules: v.map((x) => `${x.id}(${x.impact},${x.nodes})`),
  };
  rows.push(row);
  process.stderr.write(`==> ${name}: ${JSON.stringify(row)}\n`);
}
await browser.close();

const s = (ms) => (ms / 1000).toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + ' s';
const lines = [
  '| page | desktop perf | desktop a11y | desktop TBT | desktop LCP | mobile perf | mobile a11y | mobile TBT | mobile LCP | axe critical / serious / other |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ...rows.map((r) => `| ${r.page} (\`${r.path.replace(/\/units\/.*/, '/units/:id')}\`) | ${r.desktop.performance} | ${r.desktop.accessibility} | ${r.desktop.tbt} ms | ${s(r.desktop.lcp)} | ${r.mobile.performance} | ${r.mobile.accessibility} | ${r.mobile.tbt} ms | ${s(r.mobile.lcp)} | ${r.axe.critical} / ${r.axe.serious} / ${r.axe.other}${r.axe.rules.length ? ' ' + r.axe.rules.join(', ') : ''} |`),
];
const failed = rows.flatMap((r) => ['desktop', 'mobile'].flatMap((ff) => r[ff].failedA11y.map((id) => `${r.page} ${ff}: ${id}`)));
const md = lines.join('\n') + '\n' + (failed.length ? `\nLighthouse accessibility audits failed: ${failed.join('; ')}\n` : '');
fs.writeFileSync(path.join(outDir, 'result.md'), md);
fs.writeFileSync(path.join(outDir, 'result.json'), JSON.stringify(rows, null, 2));
process.stdout.write(md);
