using System.Globalization;
using PolicyLang.Simulation.Model;

namespace PolicyLang.Simulation.Output;

/// <summary>
/// The simulation as a terminal shows it: the totals of the baseline and each scenario side by side with the
/// change from the baseline, then for each scenario who gains and who loses (family payments per participant,
/// schools newly non-compliant, the staff pool by location, stage and district). Text is aligned by display
/// width, so Chinese names line up with Latin ones.
/// </summary>
public static class TerminalReport
{
    /// <summary>Scenarios beyond this many get the totals table only.</summary>
    public const int DetailedScenarios = 12;
    /// <summary>Schools and districts listed per scenario.</summary>
    public const int Listed = 5;

    public static void Write(SimulationResult result, TextWriter w, Language language, string? title = null)
    {
        var text = ReportText.For(language);
        var zh = text.Chinese;
        var data = result.Data;
        var byDistrict = Grouping.ByDistrict(data, text.None);
        var districts = byDistrict.Count;
        w.WriteLine(zh
            ? $"{result.Policy}{(title is null ? "" : "（" + title + "）")} · {data.Source}：{ReportFormat.Count(data.SchoolCount)} 所学校，{districts} 个区县"
            : $"{result.Policy}{(title is null ? "" : " (" + title + ")")} · {data.Source}: {ReportFormat.Count(data.SchoolCount)} schools in {districts} district{(districts == 1 ? "" : "s")}");
        w.WriteLine(text.MoneyNote);
        w.WriteLine();
        WriteTotals(result, w, text);

        var labelled = result.Scenarios.Where(s => !string.IsNullOrEmpty(s.Label)).ToList();
        if (labelled.Count > 0)
        {
            w.WriteLine();
            foreach (var s in labelled.Take(DetailedScenarios)) w.WriteLine($"  {s.Name}: {s.Label}");
            if (labelled.Count > DetailedScenarios) w.WriteLine("  " + text.ScenariosDetailed(DetailedScenarios, labelled.Count));
        }

        // Each detailed scenario's comparison is worked out first, side by side on the cores (each is passes over every
        // school), then written in order; the schools' groups are made once for all of them.
        var detailed = result.Scenarios.Take(DetailedScenarios).ToList();
        var groupings = new Lazy<(string By, Grouping Grouping, bool LargestOnly)[]>(() => new[]
        {
            (text.ByLocation, Grouping.ByLocation(data, text), false),
            (text.ByStage, Grouping.ByStage(data, text), false),
            (text.ByDistrict, byDistrict, true),
        });
        var details = new Detail[detailed.Count];
        Parallel.For(0, detailed.Count, k => details[k] = Detail.Of(result, detailed[k], groupings));
        for (var k = 0; k < detailed.Count; k++)
        {
            w.WriteLine();
            WriteComparison(result, detailed[k], details[k], w, text);
        }
        if (result.Scenarios.Count > DetailedScenarios)
        {
            w.WriteLine();
            w.WriteLine(text.ScenariosDetailed(DetailedScenarios, result.Scenarios.Count));
        }
    }

    private static void WriteTotals(SimulationResult result, TextWriter w, ReportText text)
    {
        var sweep = result.SweepParameter is not null;
        var header = new List<string> { text.Scenario };
        if (sweep) header.Add(result.SweepParameter!);
        header.AddRange(new[] { text.Participants, text.FamilyPayments, text.SubsidyCost, text.SchoolRevenue, text.StaffPool, text.NoncompliantSchools });
        var rows = new List<string[]> { header.ToArray() };
        var baseline = result.Baseline.Totals;
        foreach (var scenario in result.All)
        {
            var t = scenario.Totals;
            var row = new List<string> { scenario.Name };
            if (sweep) row.Add(scenario.SweepValue is { } v ? ReportFormat.Plain(v) : string.Empty);
            row.AddRange(new[]
            {
                ReportFormat.Count(t.Participants), ReportFormat.Money(t.FamilyPayments), ReportFormat.Money(t.SubsidyCost),
                ReportFormat.Money(t.SchoolRevenue), ReportFormat.Money(t.StaffPool), ReportFormat.Count(t.NoncompliantSchools),
            });
            rows.Add(row.ToArray());
            if (scenario == result.Baseline) continue;
            var d = t.Minus(baseline);
            var change = new List<string> { "  " + text.Change };
            if (sweep) change.Add(string.Empty);
            change.AddRange(new[]
            {
                $"{ReportFormat.SignedCount(d.Participants)} ({ReportFormat.Percent(d.Participants, baseline.Participants)})",
                $"{ReportFormat.SignedMoney(d.FamilyPayments)} ({ReportFormat.Percent(d.FamilyPayments, baseline.FamilyPayments)})",
                $"{ReportFormat.SignedMoney(d.SubsidyCost)} ({ReportFormat.Percent(d.SubsidyCost, baseline.SubsidyCost)})",
                $"{ReportFormat.SignedMoney(d.SchoolRevenue)} ({ReportFormat.Percent(d.SchoolRevenue, baseline.SchoolRevenue)})",
                $"{ReportFormat.SignedMoney(d.StaffPool)} ({ReportFormat.Percent(d.StaffPool, baseline.StaffPool)})",
                ReportFormat.SignedCount(d.NoncompliantSchools),
            });
            rows.Add(change.ToArray());
        }
        Table(w, rows, firstLeft: true);
    }

    /// <summary>One scenario against the baseline: who pays more or less, and the staff pool's change by group (none when it is unchanged).</summary>
    private sealed record Detail(Comparison Comparison, (string By, Grouping Grouping, bool LargestOnly, decimal[] Sums)[]? Groups)
    {
        public static Detail Of(SimulationResult result, ScenarioResult scenario, Lazy<(string By, Grouping Grouping, bool LargestOnly)[]> groupings)
        {
            var data = result.Data;
            var baseline = result.Baseline.Schools;
            var m = scenario.Schools;
            // The school-by-school comparison beside the staff pool's changes by group.
            var comparison = Task.Run(() => Comparison.Of(data, baseline, m, Listed));
            var change = new decimal[data.SchoolCount];
            for (var i = 0; i < change.Length; i++) change[i] = m.StaffPool[i] - baseline.StaffPool[i];
            var groups = change.Any(x => x != 0)
                ? groupings.Value.Select(g => (g.By, g.Grouping, g.LargestOnly, g.Grouping.Sum(change))).ToArray()
                : null;
            return new Detail(comparison.GetAwaiter().GetResult(), groups);
        }
    }

    private static void WriteComparison(SimulationResult result, ScenarioResult scenario, Detail detail, TextWriter w, ReportText text)
    {
        var zh = text.Chinese;
        var data = result.Data;
        var c = detail.Comparison;
        w.WriteLine(text.VersusBaseline(scenario.Name));

        string Average(decimal? average) => average is { } a ? ReportFormat.SignedMoney(a) : text.NotApplicable;
        w.WriteLine(zh
            ? $"  每名参与学生的家庭缴费：{c.More} 所学校上升（人均 {Average(c.MoreAverage)}），{c.Less} 所下降（人均 {Average(c.LessAverage)}），{c.Same} 所不变。"
            : $"  Family payments per participant: up at {c.More} school{(c.More == 1 ? "" : "s")} (average {Average(c.MoreAverage)}), down at {c.Less} (average {Average(c.LessAverage)}), unchanged at {c.Same}.");

        if (c.NewlyNoncompliantCount == 0)
        {
            w.WriteLine("  " + text.NoneNewlyNoncompliant);
        }
        else
        {
            var names = string.Join(zh ? "、" : ", ", c.NewlyNoncompliant.Select(i => $"{data.Name[i]} ({data.SchoolId[i]})"));
            w.WriteLine("  " + text.NewlyNoncompliantCount(c.NewlyNoncompliantCount) + (zh ? "" : " ") + names + (c.NewlyNoncompliantCount > c.NewlyNoncompliant.Count ? " …" : string.Empty));
        }
        if (c.NoLongerNoncompliantCount > 0) w.WriteLine("  " + text.NoLongerNoncompliant(c.NoLongerNoncompliantCount));

        if (detail.Groups is null)
        {
            w.WriteLine(zh ? "  人员报酬总额：各校均不变。" : "  Staff pool: unchanged at every school.");
            return;
        }
        foreach (var (by, grouping, largestOnly, sums) in detail.Groups)
        {
            var order = Enumerable.Range(0, grouping.Count).Where(g => sums[g] != 0);
            if (largestOnly) order = order.OrderByDescending(g => Math.Abs(sums[g])).ThenBy(g => grouping.Names[g], StringComparer.Ordinal);
            var shown = order.Take(Listed).ToList();
            var rest = grouping.Count - shown.Count;
            var parts = shown.Select(g => $"{grouping.Names[g]} {ReportFormat.SignedMoney(sums[g])}");
            var tail = largestOnly && rest > 0 ? (zh ? $"，另 {rest} 个" : $", {rest} more") : string.Empty;
            w.WriteLine(zh
                ? $"  {text.StaffPoolChangeTitle}（{by}）：{string.Join("，", parts)}{tail}"
                : $"  {text.StaffPoolChangeTitle} {by}: {string.Join(", ", parts)}{tail}");
        }
    }

    /// <summary>Columns padded to their widest cell by display width; numbers right-aligned.</summary>
    private static void Table(TextWriter w, IReadOnlyList<string[]> rows, bool firstLeft)
    {
        var columns = rows.Max(r => r.Length);
        var widths = new int[columns];
        foreach (var row in rows)
            for (var c = 0; c < row.Length; c++)
                widths[c] = Math.Max(widths[c], Width(row[c]));
        foreach (var row in rows)
        {
            var line = new System.Text.StringBuilder();
            for (var c = 0; c < row.Length; c++)
            {
                var pad = new string(' ', widths[c] - Width(row[c]));
                if (c > 0) line.Append("  ");
                line.Append(c == 0 && firstLeft ? row[c] + pad : pad + row[c]);
            }
            w.WriteLine(line.ToString().TrimEnd());
        }
    }

    /// <summary>Columns a string takes in a terminal: East Asian wide and full-width characters take two.</summary>
    public static int Width(string s)
    {
        var width = 0;
        for (var i = 0; i < s.Length; i++)
        {
            int code = s[i];
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length)
            {
                code = char.ConvertToUtf32(s[i], s[i + 1]);
                i++;
            }
            width += code >= 0x1100 && (code <= 0x115F || code is >= 0x2E80 and <= 0xA4CF || code is >= 0xAC00 and <= 0xD7A3
                || code is >= 0xF900 and <= 0xFAFF || code is >= 0xFE30 and <= 0xFE4F || code is >= 0xFF00 and <= 0xFF60
                || code is >= 0xFFE0 and <= 0xFFE6 || code is >= 0x20000 and <= 0x3FFFD) ? 2 : 1;
        }
        return width;
    }
}
