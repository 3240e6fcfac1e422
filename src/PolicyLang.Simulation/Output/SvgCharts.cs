namespace PolicyLang.Simulation.Output;

internal enum Marker { Circle, Square, Diamond }

/// <summary>One line or one set of bars: a value per x (line chart) or per category (bar chart).</summary>
internal sealed record Series(string Key, string Label, double[] Values, string Color, string? Dash = null, Marker Marker = Marker.Circle);

/// <summary>
/// Charts as inline SVG, drawn here so that the report needs no script and no network: a line chart for
/// sweeps, horizontal grouped bars for distributions, and a stacked share bar. Money axes are scaled to a
/// readable unit (thousand / million CNY, 万元 / 亿元) named in the axis title.
/// </summary>
internal static class SvgCharts
{
    private const double TickFont = 12;
    private const double LabelFont = 12.5;
    private const string Grid = "#e6e8ec";
    private const string Axis = "#9aa1ab";

    /// <summary>
    /// Lines over x, one per series, with markers; <paramref name="references"/> (one per series, optional) are
    /// drawn as thin horizontal lines in the series' colour, e.g. the baseline's value.
    /// </summary>
    public static void Line(HtmlWriter w, ReportText text, string description, double[] x, IReadOnlyList<Series> series,
        string xTitle, Func<double, string> xLabel, double[]? references = null, string? referenceLabel = null)
    {
        const double width = 960, height = 420;
        var ys = series.SelectMany(s => s.Values).Concat(references ?? Array.Empty<double>())
            .Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        var (yMin, yMax, yStep) = NiceRange(ys.Min(), ys.Max(), includeZero: true);
        var scale = ReportFormat.MoneyScale(Math.Max(Math.Abs(yMin), Math.Abs(yMax)), text.Language);
        var s = (double)scale;
        var yDecimals = ReportFormat.DecimalsFor(yStep / s);
        var yTicks = Ticks(yMin, yMax, yStep);
        var yTickWidth = yTicks.Max(t => TextWidth(ReportFormat.Scaled(t / s, yDecimals), TickFont));

        var left = 34 + yTickWidth + 10;
        const double top = 56, right = width - 28, bottom = height - 62;

        var distinct = x.Distinct().OrderBy(v => v).ToArray();
        double xMin, xMax;
        double[] xTicks;
        if (distinct.Length == 0) { xMin = 0; xMax = 1; xTicks = Array.Empty<double>(); }
        else if (distinct.Length == 1)
        {
            var pad = distinct[0] == 0 ? 1 : Math.Abs(distinct[0]) * 0.1;
            xMin = distinct[0] - pad;
            xMax = distinct[0] + pad;
            xTicks = distinct;
        }
        else if (distinct.Length <= 12) { xMin = distinct[0]; xMax = distinct[^1]; xTicks = distinct; }
        else
        {
            var (lo, hi, step) = NiceRange(distinct[0], distinct[^1], includeZero: false);
            xMin = distinct[0];
            xMax = distinct[^1];
            xTicks = Ticks(lo, hi, step).Where(t => t >= xMin - 1e-9 && t <= xMax + 1e-9).ToArray();
        }
        double X(double v) => left + (v - xMin) / (xMax - xMin) * (right - left);
        double Y(double v) => bottom - (v - yMin) / (yMax - yMin) * (bottom - top);

        OpenSvg(w, width, height, description, "chart line-chart");

        // Grid and y ticks.
        w.Open("g", ("class", "y-axis"));
        foreach (var t in yTicks)
        {
            var y = Y(t);
            w.Empty("line", ("x1", F(left)), ("x2", F(right)), ("y1", F(y)), ("y2", F(y)),
                ("stroke", Math.Abs(t) < 1e-12 ? Axis : Grid), ("stroke-width", "1"));
            w.Element("text", ReportFormat.Scaled(t / s, yDecimals), ("x", F(left - 8)), ("y", F(y + 4)),
                ("text-anchor", "end"), ("font-size", F(TickFont)), ("class", "tick"));
        }
        w.Element("text", text.MoneyAxis(scale), ("class", "axis-title"), ("x", "0"), ("y", "0"),
            ("transform", $"translate(16 {F((top + bottom) / 2)}) rotate(-90)"), ("text-anchor", "middle"),
            ("font-size", F(LabelFont)));
        w.Close("g");

        // X axis.
        w.Open("g", ("class", "x-axis"));
        w.Empty("line", ("x1", F(left)), ("x2", F(right)), ("y1", F(bottom)), ("y2", F(bottom)), ("stroke", Axis));
        foreach (var t in xTicks)
        {
            var xx = X(t);
            w.Empty("line", ("x1", F(xx)), ("x2", F(xx)), ("y1", F(bottom)), ("y2", F(bottom + 5)), ("stroke", Axis));
            w.Element("text", xLabel(t), ("x", F(xx)), ("y", F(bottom + 20)), ("text-anchor", "middle"),
                ("font-size", F(TickFont)), ("class", "tick"));
        }
        w.Element("text", xTitle, ("class", "axis-title"), ("x", F((left + right) / 2)), ("y", F(height - 14)),
            ("text-anchor", "middle"), ("font-size", F(LabelFont)));
        w.Close("g");

        // Reference lines (the baseline), under the series.
        if (references is not null)
        {
            w.Open("g", ("class", "references"));
            for (var j = 0; j < series.Count && j < references.Length; j++)
            {
                if (!double.IsFinite(references[j])) continue;
                var y = Y(references[j]);
                w.Open("line", ("class", "reference " + series[j].Key), ("x1", F(left)), ("x2", F(right)), ("y1", F(y)), ("y2", F(y)),
                    ("stroke", series[j].Color), ("stroke-width", "1.5"), ("stroke-opacity", "0.35"));
                w.Element("title", $"{referenceLabel}: {series[j].Label} {ReportFormat.Money((decimal)references[j])}");
                w.Close("line");
            }
            w.Close("g");
        }

        // Lines and markers, in x order.
        var order = Enumerable.Range(0, x.Length).OrderBy(i => x[i]).ToArray();
        foreach (var series1 in series)
        {
            w.Open("g", ("class", "series-group"));
            var points = string.Join(" ", order.Where(i => double.IsFinite(series1.Values[i]))
                .Select(i => F(X(x[i])) + "," + F(Y(series1.Values[i]))));
            w.Empty("polyline", ("class", "series " + series1.Key), ("points", points), ("fill", "none"),
                ("stroke", series1.Color), ("stroke-width", "2.5"), ("stroke-linejoin", "round"),
                ("stroke-linecap", "round"), ("stroke-dasharray", series1.Dash));
            foreach (var i in order)
            {
                if (!double.IsFinite(series1.Values[i])) continue;
                var tip = $"{series1.Label}: {xLabel(x[i])} → {ReportFormat.Money((decimal)series1.Values[i])}";
                MarkerShape(w, series1.Marker, X(x[i]), Y(series1.Values[i]), 4.5, series1.Color, tip);
            }
            w.Close("g");
        }

        var legendEnd = Legend(w, series, left, 22, line: true);
        if (references is not null && referenceLabel is not null)
        {
            w.Open("g", ("class", "legend-item"));
            w.Empty("line", ("x1", F(legendEnd)), ("x2", F(legendEnd + 26)), ("y1", "22"), ("y2", "22"), ("stroke", Axis),
                ("stroke-width", "1.5"), ("stroke-opacity", "0.6"));
            w.Element("text", referenceLabel, ("x", F(legendEnd + 34)), ("y", "26.5"), ("font-size", F(LabelFont)), ("class", "legend-label"));
            w.Close("g");
        }
        w.Close("svg");
    }

    public static void Bars(HtmlWriter w, ReportText text, string description, string[] categories, IReadOnlyList<Series> series)
    {
        const double width = 500;
        var k = Math.Max(1, series.Count);
        var barHeight = k == 1 ? 18.0 : 13.0;
        const double barGap = 2, groupGap = 12, top = 40;
        var groupHeight = k * barHeight + (k - 1) * barGap;
        var plotHeight = Math.Max(1, categories.Length) * (groupHeight + groupGap);
        var height = top + plotHeight + 52;

        var values = series.SelectMany(s => s.Values).Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        var (vMin, vMax, step) = NiceRange(values.Min(), values.Max(), includeZero: true);
        var scale = ReportFormat.MoneyScale(Math.Max(Math.Abs(vMin), Math.Abs(vMax)), text.Language);
        var s = (double)scale;
        var decimals = ReportFormat.DecimalsFor(step / s);
        var valueDecimals = Math.Min(2, decimals + 1);

        const double maxLabel = 150;
        var labelWidth = Math.Min(maxLabel, categories.Select(c => TextWidth(c, LabelFont)).DefaultIfEmpty(0).Max());
        var valueWidth = values.Select(v => TextWidth(ReportFormat.Scaled(v / s, valueDecimals), 11)).Max();
        // Bars below zero carry their value on their left: keep it clear of the category labels.
        var negativeWidth = values.Where(v => v < 0).Select(v => TextWidth(ReportFormat.Scaled(v / s, valueDecimals), 11) + 6).DefaultIfEmpty(0).Max();
        var labelRight = 8 + labelWidth;
        var left = labelRight + 10 + negativeWidth;
        var right = width - Math.Max(28, valueWidth + 10);
        double X(double v) => left + (v - vMin) / (vMax - vMin) * (right - left);

        OpenSvg(w, width, height, description, "chart bar-chart");
        var plotBottom = top + plotHeight;

        w.Open("g", ("class", "x-axis"));
        foreach (var t in Ticks(vMin, vMax, step))
        {
            var xx = X(t);
            w.Empty("line", ("x1", F(xx)), ("x2", F(xx)), ("y1", F(top - 4)), ("y2", F(plotBottom)),
                ("stroke", Math.Abs(t) < 1e-12 ? Axis : Grid));
            w.Element("text", ReportFormat.Scaled(t / s, decimals), ("x", F(xx)), ("y", F(plotBottom + 16)),
                ("text-anchor", "middle"), ("font-size", F(TickFont - 0.5)), ("class", "tick"));
        }
        w.Element("text", text.MoneyAxis(scale), ("class", "axis-title"), ("x", F((left + right) / 2)),
            ("y", F(height - 10)), ("text-anchor", "middle"), ("font-size", F(LabelFont - 0.5)));
        w.Close("g");

        for (var c = 0; c < categories.Length; c++)
        {
            var groupTop = top + c * (groupHeight + groupGap);
            w.Open("g", ("class", "category"));
            var label = Truncate(categories[c], maxLabel, LabelFont);
            w.Open("text", ("x", F(labelRight)), ("y", F(groupTop + groupHeight / 2 + 4.5)), ("text-anchor", "end"),
                ("font-size", F(LabelFont)), ("class", "category-label"));
            if (label != categories[c]) w.Element("title", categories[c]);
            w.Text(label);
            w.Close("text");
            for (var j = 0; j < series.Count; j++)
            {
                var v = series[j].Values[c];
                if (!double.IsFinite(v)) v = 0;
                var y = groupTop + j * (barHeight + barGap);
                var x0 = X(0);
                var x1 = X(v);
                w.Open("rect", ("class", "bar " + series[j].Key), ("x", F(Math.Min(x0, x1))), ("y", F(y)),
                    ("width", F(Math.Max(Math.Abs(x1 - x0), v == 0 ? 0 : 1))), ("height", F(barHeight)),
                    ("fill", series[j].Color), ("rx", "2"));
                w.Element("title", $"{categories[c]} · {series[j].Label}: {ReportFormat.Money((decimal)v)}");
                w.Close("rect");
                var valueText = ReportFormat.Scaled(v / s, valueDecimals);
                w.Element("text", valueText, ("x", F(v < 0 ? x1 - 4 : x1 + 4)), ("y", F(y + barHeight / 2 + 4)),
                    ("text-anchor", v < 0 ? "end" : "start"), ("font-size", "11"), ("class", "value"));
            }
            w.Close("g");
        }

        Legend(w, series, left, 18, line: false);
        w.Close("svg");
    }

    /// <summary>A stacked bar of shares (each part's count out of their sum), labelled inside where they fit.</summary>
    public static void ShareBar(HtmlWriter w, string description, IReadOnlyList<(string Label, int Count, string Color)> parts)
    {
        const double width = 960, height = 34;
        var total = parts.Sum(p => (double)p.Count);
        OpenSvg(w, width, height, description, "chart share-bar");
        if (total <= 0)
        {
            w.Empty("rect", ("x", "0"), ("y", "4"), ("width", F(width)), ("height", "26"), ("fill", Grid), ("rx", "4"));
            w.Close("svg");
            return;
        }
        var x = 0.0;
        foreach (var (label, count, color) in parts)
        {
            if (count == 0) continue;
            var segment = count / total * width;
            w.Open("rect", ("x", F(x)), ("y", "4"), ("width", F(segment)), ("height", "26"), ("fill", color));
            w.Element("title", $"{label}: {ReportFormat.Count(count)} ({ReportFormat.Share(count, (int)total)})");
            w.Close("rect");
            var share = ReportFormat.Share(count, (int)total);
            if (segment > TextWidth(share, 12) + 12)
                w.Element("text", share, ("x", F(x + segment / 2)), ("y", "21.5"), ("text-anchor", "middle"),
                    ("font-size", "12"), ("fill", "#ffffff"), ("class", "share"));
            x += segment;
        }
        w.Close("svg");
    }

    private static void OpenSvg(HtmlWriter w, double width, double height, string description, string cssClass)
    {
        w.Open("svg", ("class", cssClass), ("viewBox", $"0 0 {F(width)} {F(height)}"),
            ("width", F(width)), ("height", F(height)), ("role", "img"), ("aria-label", description));
        w.Element("title", description);
    }

    /// <summary>Draws the legend from (x, y); returns where a further item would start.</summary>
    private static double Legend(HtmlWriter w, IReadOnlyList<Series> series, double x, double y, bool line)
    {
        w.Open("g", ("class", "legend"));
        foreach (var item in series)
        {
            w.Open("g", ("class", "legend-item"));
            if (line)
            {
                w.Empty("line", ("x1", F(x)), ("x2", F(x + 26)), ("y1", F(y)), ("y2", F(y)), ("stroke", item.Color),
                    ("stroke-width", "2.5"), ("stroke-dasharray", item.Dash), ("stroke-linecap", "round"));
                MarkerShape(w, item.Marker, x + 13, y, 4, item.Color, null);
                x += 34;
            }
            else
            {
                w.Empty("rect", ("x", F(x)), ("y", F(y - 6)), ("width", "12"), ("height", "12"), ("rx", "2"), ("fill", item.Color));
                x += 18;
            }
            w.Element("text", item.Label, ("x", F(x)), ("y", F(y + 4.5)), ("font-size", F(LabelFont)), ("class", "legend-label"));
            x += TextWidth(item.Label, LabelFont) + 22;
            w.Close("g");
        }
        w.Close("g");
        return x;
    }

    private static void MarkerShape(HtmlWriter w, Marker marker, double x, double y, double r, string color, string? tip)
    {
        var tag = marker == Marker.Circle ? "circle" : marker == Marker.Square ? "rect" : "polygon";
        var attributes = marker switch
        {
            Marker.Circle => new[] { ("cx", (string?)F(x)), ("cy", F(y)), ("r", F(r)) },
            Marker.Square => new[] { ("x", (string?)F(x - r)), ("y", F(y - r)), ("width", F(2 * r)), ("height", F(2 * r)) },
            _ => new[] { ("points", (string?)$"{F(x)},{F(y - r * 1.3)} {F(x + r * 1.3)},{F(y)} {F(x)},{F(y + r * 1.3)} {F(x - r * 1.3)},{F(y)}") },
        };
        var all = attributes.Concat(new[] { ("fill", (string?)"#ffffff"), ("stroke", color), ("stroke-width", "2"), ("class", "marker") }).ToArray();
        if (tip is null)
        {
            w.Empty(tag, all);
            return;
        }
        w.Open(tag, all);
        w.Element("title", tip);
        w.Close(tag);
    }

    /// <summary>A range holding [lo, hi] (and zero when asked) on round steps, about five of them.</summary>
    internal static (double Min, double Max, double Step) NiceRange(double lo, double hi, bool includeZero)
    {
        if (!double.IsFinite(lo)) lo = 0;
        if (!double.IsFinite(hi)) hi = 0;
        if (includeZero)
        {
            lo = Math.Min(lo, 0);
            hi = Math.Max(hi, 0);
        }
        if (hi - lo <= 0)
        {
            var pad = lo == 0 ? 1 : Math.Abs(lo) * 0.1;
            hi = includeZero && lo < 0 ? 0 : lo + pad;
            if (!includeZero) lo -= pad;
        }
        var raw = (hi - lo) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var normal = raw / magnitude;
        var step = (normal <= 1 ? 1 : normal <= 2 ? 2 : normal <= 2.5 ? 2.5 : normal <= 5 ? 5 : 10) * magnitude;
        return (Math.Floor(lo / step + 1e-9) * step, Math.Ceiling(hi / step - 1e-9) * step, step);
    }

    private static double[] Ticks(double min, double max, double step)
    {
        var count = (int)Math.Round((max - min) / step);
        return Enumerable.Range(0, Math.Clamp(count, 0, 50) + 1).Select(i => min + i * step).ToArray();
    }

    /// <summary>An estimate of the width of a text: CJK characters a full em, others a little over half.</summary>
    internal static double TextWidth(string text, double size)
    {
        double width = 0;
        foreach (var rune in text.EnumerateRunes())
            width += rune.Value >= 0x2E80 ? size : rune.Value is >= 'A' and <= 'Z' ? size * 0.66 : size * 0.56;
        return width;
    }

    private static string Truncate(string text, double maxWidth, double size)
    {
        if (TextWidth(text, size) <= maxWidth) return text;
        var builder = new System.Text.StringBuilder();
        double width = TextWidth("…", size);
        foreach (var rune in text.EnumerateRunes())
        {
            var next = TextWidth(rune.ToString(), size);
            if (width + next > maxWidth) break;
            builder.Append(rune.ToString());
            width += next;
        }
        return builder.Append('…').ToString();
    }

    private static string F(double value) => ReportFormat.Svg(value);
}
