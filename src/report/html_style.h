// The report's inline style sheet. Colours are Okabe & Ito's palette
// (distinguishable with every common colour-vision deficiency); marks
// differ in shape too (hollow low-base points, ▲/▼), so nothing rests on
// colour alone.
#pragma once

namespace koe::report {

inline constexpr const char* kReportCss = R"(
:root { color-scheme: light; }
body { margin: 24px auto; max-width: 760px; padding: 0 16px; color: #1a1a1a; background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic",
  Meiryo, "IPAexGothic", "IPAGothic", sans-serif; }
:lang(ja) { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans",
  "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, "IPAexGothic", "IPAGothic", sans-serif; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 2px solid #0072B2; padding-bottom: 2px; }
h3 { font-size: 16px; margin: 16px 0 6px; }
.meta, .note, figcaption { color: #555; font-size: 13px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { border: 1px solid #ccc; border-radius: 6px; padding: 10px 14px; min-width: 200px; flex: 1; }
.card .metric { font-size: 13px; color: #555; }
.card .value { font-size: 30px; font-weight: 700; }
.card .change { font-size: 13px; }
.sig-down { color: #D55E00; font-weight: 600; }
.sig-up { color: #0072B2; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0; }
th, td { padding: 3px 6px; border-bottom: 1px solid #ddd; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 8px 0 16px; }
svg.chart { width: 100%; height: auto; font-size: 11px; }
svg .grid { stroke: #e3e3e3; stroke-width: 1; }
svg .zero { stroke: #888; stroke-width: 1; }
svg .tick, svg .legend, svg .value, svg .label { fill: #333; }
svg .whisker { stroke: #0072B2; stroke-width: 1.5; }
svg .series { fill: none; stroke: #0072B2; stroke-width: 1.5; stroke-opacity: 0.6; }
svg .point { fill: #0072B2; stroke: #0072B2; stroke-width: 1.5; }
svg .point.low-base { fill: #fff; stroke: #E69F00; }
svg .mark.down { fill: #D55E00; } svg .mark.up { fill: #0072B2; }
svg .bar.below { fill: #D55E00; } svg .bar.above { fill: #0072B2; }
svg .bar.cause { fill: #56B4E9; }
svg .cumulative { fill: none; stroke: #E69F00; stroke-width: 2; }
svg .cum-point { fill: #E69F00; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section, figure, table { break-inside: avoid; }
  h2 { break-after: avoid; }
}
)";

}  // namespace koe::report
