# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The style sheet and script inlined into report.html.

The page must work from a file:// address without a network, so it loads no
fonts, images or scripts. Colours come in pairs (background, text) whose
WCAG contrast ratio is 5.6:1 or more, and every status also shows a symbol,
so the matrix reads in grey-scale print and for colour-blind readers.
"""

from __future__ import annotations

STYLE = """
:root{--line:#d3d8de;--muted:#59626d;--c:#edf7ef;--c-ink:#145c2c;--d:#fad9d5;--d-ink:#8f1d14;
--e:#ffe8a8;--e-ink:#614100;--n:#e8ebee;--n-ink:#47505a}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:#1b1f24;background:#f4f5f7}
header{background:#fff;border-bottom:1px solid var(--line);padding:16px 24px}
h1{font-size:22px;margin:0 0 2px}
h2{font-size:17px;margin:0 0 10px}
.meta{color:var(--muted);margin:0 0 12px}
main{padding:16px 24px}
section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:16px;margin-bottom:16px}
footer{color:var(--muted);padding:0 24px 24px}
a{color:#1d4f91}
table{border-collapse:collapse}
th,td{padding:3px 8px;border:1px solid var(--line);text-align:left;vertical-align:top}
thead th{background:#f4f5f7}
caption{text-align:left;font-weight:600;padding-bottom:6px}
.n{background:var(--n);color:var(--n-ink)}
.c{background:var(--c);color:var(--c-ink)}
.d{background:var(--d);color:var(--d-ink)}
.e{background:var(--e);color:var(--e-ink)}
.r{text-align:right;font-variant-numeric:tabular-nums}
.totals{display:flex;flex-wrap:wrap;gap:8px;list-style:none;margin:0;padding:0}
.totals li{border:1px solid var(--line);border-radius:6px;padding:6px 12px;min-width:120px}
.totals b{display:block;font-size:20px;font-variant-numeric:tabular-nums}
.cols{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end;margin-bottom:10px}
.filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}
.filters select,.filters input,.filters button{font:inherit;padding:3px 6px}
.filters select{max-width:260px}
#count{margin-left:auto;color:var(--muted)}
.legend{margin:0 0 10px}
.legend span{display:inline-block;padding:1px 8px;border-radius:3px;margin-right:4px;border:1px solid var(--line)}
.scroll{max-height:72vh;overflow:auto;border:1px solid var(--line)}
#m{font-size:13px}
#m th,#m td{padding:2px 6px;white-space:nowrap;border-color:#fff #e2e6ea}
#m thead th{position:sticky;top:0;z-index:2;background:#fff;border-bottom:2px solid var(--line)}
#m tbody th{position:sticky;left:0;z-index:1;background:#fff;font-weight:500}
#m td:nth-child(n+4){text-align:center;min-width:38px;font-weight:700}
#m td.c{background:#fff}
#m tbody tr:hover th,#m tbody tr:hover td:nth-child(-n+3){background:#e7eefb}
.badge{margin-left:4px;padding:0 5px;border-radius:3px;font-size:12px;font-weight:700}
details{border-top:1px solid var(--line);padding:6px 0}
details:target,details:focus-within{background:#f7f9fc}
summary{cursor:pointer}
summary b{display:inline-block;min-width:120px}
summary span{color:var(--muted);margin-right:10px}
summary .badge{color:inherit;margin:0 4px 0 0}
dl{display:flex;flex-wrap:wrap;gap:2px 6px;margin:6px 0 6px 18px}
dt{color:var(--muted)}
dd{margin:0 16px 0 0}
.items{margin:6px 0;font-size:13px}
.items td:first-child{white-space:nowrap}
.kv{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;white-space:pre-wrap}
mark{background:#ffe27a;color:inherit}
.camerr{padding:4px 8px;border-radius:4px;margin:6px 0}
.ok{color:var(--muted);margin:6px 0}
.note{margin:0 0 8px;font-weight:600}
@page{size:A4 landscape;margin:10mm}
@media print{
body{background:#fff;color:#000;font-size:10pt}
header,main{padding:0}
header{border:0;margin-bottom:12px}
section{border:0;border-radius:0;padding:0;margin:0 0 16px}
.filters,summary::marker{display:none}
.scroll{max-height:none;overflow:visible;border:0}
#m thead th,#m tbody th{position:static}
#m{font-size:9pt}
thead{display:table-header-group}
tr,details{break-inside:avoid}
details::details-content{content-visibility:visible}
summary{list-style:none}
a{color:inherit;text-decoration:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""

# Filters rows of the matrix and the camera details together, and keeps the filter state in the
# address (#site=...&status=...&item=...&q=...) so a filtered view can be bookmarked or shared.
SCRIPT = r"""
(() => {
  const form = document.getElementById('filters');
  const table = document.getElementById('m');
  const rows = Array.from(table.tBodies[0].rows);
  const details = Array.from(document.querySelectorAll('#details details'));
  const sections = Array.from(table.tHead.rows[0].cells).slice(3).map((cell) => cell.dataset.s);
  const count = document.getElementById('count');
  const note = document.getElementById('filter-note');
  const columns = document.head.appendChild(document.createElement('style'));
  const codes = {compliant: 'c', drift: 'd', error: 'e', not_applicable: 'n'};
  const names = ['site', 'status', 'item', 'q'];
  // namedItem, because form.elements.item is the collection's item() method, not the select.
  const field = (name) => form.elements.namedItem(name);

  function current() {
    const state = {};
    names.forEach((name) => { state[name] = field(name).value.trim(); });
    return state;
  }

  // Without an item, "compliant" means no drift and no error on the camera, and any other
  // status means at least one item with it. With an item, the status is that item's status.
  function matches(row, state, column) {
    if (state.site && row.dataset.site !== state.site) return false;
    if (state.q && !row.cells[0].textContent.toLowerCase().includes(state.q.toLowerCase())) return false;
    if (!state.status) return true;
    const code = codes[state.status];
    if (column >= 0) return row.cells[column].className === code;
    if (code === 'c') return !/[de]/.test(row.dataset.st);
    return row.dataset.st.includes(code);
  }

  function apply() {
    const state = current();
    const position = sections.indexOf(state.item);
    const column = state.item && position >= 0 ? position + 3 : -1;
    let visibleCount = 0;
    rows.forEach((row, index) => {
      const visible = matches(row, state, column);
      row.hidden = !visible;
      details[index].hidden = !visible;
      visibleCount += visible;
    });
    columns.textContent = column < 0 ? '' :
      '#m tr>:nth-child(n+4):not(:nth-child(' + (column + 1) + ')){display:none}';
    count.textContent = visibleCount + ' of ' + rows.length + ' cameras';

    const active = names.filter((name) => state[name]);
    note.hidden = active.length === 0;
    note.textContent = 'Filtered: ' + active.map((name) => (name === 'q' ? 'name contains' : name) +
      ' ' + state[name]).join(', ') + ' (' + count.textContent + ')';
    return state;
  }

  function save(state) {
    const params = new URLSearchParams();
    names.forEach((name) => { if (state[name]) params.set(name, state[name]); });
    const hash = params.toString();
    try {
      history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
    } catch (error) {
      // Some browsers refuse history changes on file:// pages; the filters work without it.
    }
  }

  function load() {
    const hash = decodeURIComponent(location.hash.slice(1));
    if (!hash.includes('=')) return false;
    const params = new URLSearchParams(location.hash.slice(1));
    names.forEach((name) => { field(name).value = params.get(name) || ''; });
    return true;
  }

  function openTarget() {
    const target = document.getElementById(location.hash.slice(1));
    if (target && target.tagName === 'DETAILS') target.open = true;
  }

  form.hidden = false;
  form.addEventListener('input', () => save(apply()));
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('reset', () => setTimeout(() => save(apply())));
  window.addEventListener('hashchange', () => { if (load()) apply(); else openTarget(); });

  // Printing shows every camera's details; the ones the reader had closed close again after.
  let closed = [];
  window.addEventListener('beforeprint', () => {
    closed = details.filter((element) => !element.open);
    closed.forEach((element) => { element.open = true; });
  });
  window.addEventListener('afterprint', () => closed.forEach((element) => { element.open = false; }));

  load();
  apply();
  openTarget();
})();
"""
