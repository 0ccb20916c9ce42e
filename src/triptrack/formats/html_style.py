"""The briefing page's style sheet: readable on a laptop, printable on A4 and Letter.

No web fonts or images from elsewhere: the page must not make a single request.
"""

CSS = """
:root { --ink: #1d2733; --muted: #5b6673; --rule: #d7dce2; --accent: #c0392b; --met: #1e7b3c; --risk: #9a6400; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); background: #f5f6f8; line-height: 1.45; }
body { margin: 0; }
main { max-width: 980px; margin: 0 auto; padding: 28px 32px 48px; background: #fff; }
header { border-bottom: 3px solid var(--ink); padding-bottom: 12px; margin-bottom: 20px; }
header .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); margin: 0; }
h1 { font-size: 28px; margin: 4px 0 6px; line-height: 1.2; }
h2 { font-size: 19px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
h3 { font-size: 16px; margin: 16px 0 6px; }
.facts { display: flex; flex-wrap: wrap; gap: 6px 22px; margin: 0; padding: 0; list-style: none; color: var(--muted); }
.facts strong { color: var(--ink); font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th { text-align: left; font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted);
     border-bottom: 2px solid var(--ink); padding: 6px 8px; }
td { border-bottom: 1px solid var(--rule); padding: 7px 8px; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.home td { color: var(--muted); }
.place { font-weight: 600; }
.country, .home-time, .note { display: block; color: var(--muted); font-size: 12.5px; }
.stop { break-inside: avoid; page-break-inside: avoid; }
.stop ul { margin: 4px 0 8px; padding-left: 20px; }
.label { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 6px 0 2px; }
.obligation { border-left: 5px solid var(--risk); padding: 8px 14px; margin: 10px 0; background: #fbf8f1;
              break-inside: avoid; page-break-inside: avoid; }
.obligation.met { border-color: var(--met); background: #f1f8f3; }
.obligation.missed { border-color: var(--accent); background: #fbf1f0; }
.obligation .what { font-weight: 700; font-size: 16px; }
.verdict { font-weight: 700; }
.met .verdict { color: var(--met); } .missed .verdict { color: var(--accent); } .at-risk .verdict { color: var(--risk); }
figure.map { margin: 8px 0 0; break-inside: avoid; page-break-inside: avoid; }
figure.map svg { width: 100%; height: auto; display: block; border: 1px solid var(--rule); }
figure.map figcaption { color: var(--muted); font-size: 12.5px; margin-top: 4px; }
.sources li { margin-bottom: 3px; overflow-wrap: anywhere; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@page { margin: 14mm 12mm; }
@media print {
  html { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 20pt; } h2 { font-size: 13pt; break-after: avoid; page-break-after: avoid; }
  table { font-size: 9.5pt; } tr { break-inside: avoid; page-break-inside: avoid; }
  .obligation, .obligation.met, .obligation.missed { background: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
