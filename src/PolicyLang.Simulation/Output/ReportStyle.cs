namespace PolicyLang.Simulation.Output;

/// <summary>The report's inline stylesheet: system fonts (with the common Chinese UI fonts), no web fonts.</summary>
internal static class ReportStyle
{
    public const string Css = """

:root {
  --ink: #1f2430; --muted: #667085; --faint: #98a2b3; --line: #e4e7ec; --bg: #f4f5f7; --card: #ffffff;
  --accent: #2563eb; --pos: #175cd3; --neg: #b54708;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--ink);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans",
    "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", sans-serif;
  font-size: 15px; line-height: 1.55;
}
main { max-width: 1140px; margin: 0 auto; padding: 36px 28px 40px; }
h1 { font-size: 28px; line-height: 1.25; margin: 2px 0 14px; font-weight: 700; letter-spacing: -0.01em; }
h2 { font-size: 19px; margin: 0 0 4px; font-weight: 700; }
h3 { font-size: 15px; margin: 22px 0 10px; font-weight: 600; color: #344054; }
p { margin: 0 0 10px; }
.eyebrow { margin: 0; color: var(--accent); font-size: 13px; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase; }
.intro { color: var(--muted); margin-bottom: 16px; }
.note { color: var(--muted); font-size: 13px; margin-top: 8px; }
.empty { color: var(--muted); font-style: italic; }
.page-header { padding: 0 4px 8px; }
.meta { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 0 0 10px; }
.meta div { min-width: 0; }
.meta dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
.meta dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.meta .source dd { font-weight: 500; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 13.5px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 22px 26px 24px; margin: 18px 0;
  box-shadow: 0 1px 2px rgba(16, 24, 40, 0.04); }
.kpis { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 14px; }
.kpi { border: 1px solid var(--line); border-top: 4px solid var(--accent); border-radius: 10px; padding: 12px 14px 12px; background: #fcfcfd; }
.kpi-label { color: var(--muted); font-size: 13px; font-weight: 600; }
.kpi-value { font-size: 22px; font-weight: 700; font-variant-numeric: tabular-nums; margin: 6px 0 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.kpi-value.small { font-size: 19px; }
.kpi-value.smaller { font-size: 16.5px; }
.kpi-pct { font-size: 13.5px; font-weight: 600; color: var(--muted); margin-bottom: 6px; font-variant-numeric: tabular-nums; }
.kpi-pct.pos { color: var(--pos); }
.kpi-pct.neg { color: var(--neg); }
.kpi-sub { color: var(--muted); font-size: 12.5px; font-variant-numeric: tabular-nums; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 9px 9px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { font-size: 12.5px; color: var(--muted); font-weight: 600; background: #f9fafb; border-bottom: 1px solid #d0d5dd; vertical-align: bottom; }
tbody th { font-weight: 600; }
.num { text-align: right; white-space: nowrap; }
thead th.num { white-space: normal; }
.unit { display: block; font-weight: 400; color: var(--faint); font-size: 11.5px; }
.totals .value { display: block; font-weight: 500; }
.totals tr.baseline td, .totals tr.baseline th { background: #f8fafc; }
.delta { display: block; font-size: 12px; color: var(--muted); }
.delta .pct { display: block; color: var(--faint); }
.delta.pos { color: var(--pos); }
.delta.neg { color: var(--neg); }
td.pos { color: var(--pos); }
td.neg { color: var(--neg); }
.tag { display: inline-block; margin-left: 8px; padding: 0 7px; border-radius: 999px; background: #eef2f6; color: #475467;
  font-size: 11.5px; font-weight: 600; vertical-align: 1px; white-space: nowrap; }
table.compact th, table.compact td { padding: 6px 10px; font-size: 14px; }
table.compact thead th { font-size: 12px; }
tfoot th, tfoot td { font-weight: 700; border-top: 1px solid #d0d5dd; border-bottom: none; }
table.staff-pool { table-layout: fixed; margin-bottom: 18px; }
caption { text-align: left; font-size: 13px; font-weight: 600; color: var(--muted); padding: 0 0 6px; }
tr.other th { font-weight: 500; font-style: italic; color: var(--muted); }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 8px; vertical-align: 0; }
.school-name { overflow-wrap: anywhere; }
.id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; color: #475467; }
.grid2 { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 8px 32px; align-items: start; }
figure { margin: 6px 0 12px; min-width: 0; }
figcaption { font-weight: 600; font-size: 14px; color: #344054; margin-bottom: 4px; }
svg.chart { display: block; width: 100%; height: auto; overflow: visible; }
svg.share-bar { margin: 4px 0 10px; }
svg text { font-family: inherit; fill: #475467; }
svg text.axis-title { fill: #667085; font-weight: 600; }
svg text.category-label { fill: #344054; }
svg text.legend-label { fill: #344054; }
svg text.share { fill: #ffffff; font-weight: 600; }
details.scenario { border-top: 1px solid var(--line); padding: 12px 0 4px; }
details.scenario:first-of-type { border-top: none; }
details.scenario > summary { cursor: pointer; font-weight: 700; font-size: 16px; padding: 4px 0; }
footer { color: var(--faint); font-size: 12.5px; text-align: center; padding: 12px 0 0; }
@media (max-width: 860px) {
  main { padding: 20px 12px; }
  .kpis { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .grid2 { grid-template-columns: minmax(0, 1fr); }
}
@media print {
  body { background: #ffffff; }
  .card { box-shadow: none; break-inside: avoid-page; }
  details.scenario > summary { list-style: none; }
}

""";
}
