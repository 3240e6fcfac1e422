using PolicyLang.Diagnostics;
using PolicyLang.Evaluation;
using PolicyLang.Symbols;
using PolicyLang.Syntax;
using PolicyLang.Types;

namespace PolicyLang.Binding;

/// <summary>Conflicting and missing caps; a child policy that loosens its parent.</summary>
internal sealed partial class PolicyBinder
{
    private void AnalyzeCaps()
    {
        var caps = _caps;
        if (caps.Count == 0) return;
        var applies = _policy.Applies ?? _parent?.Symbol.Applies;

        foreach (var group in caps.GroupBy(c => c.GroupKey))
        {
            var list = group.ToList();
            var analyzer = ConditionAnalyzer.For(list.Select(c => c.When).Append(applies));
            if (!analyzer.IsUsable) continue;
            var inScope = analyzer.Worlds.Where(w => ConditionAnalyzer.Holds(applies, w)).ToList();

            // Where each cap's condition holds, world by world (each condition is evaluated once per world, not once per pair).
            var holds = list.Select(c => inScope.Select(w => ConditionAnalyzer.Holds(c.When, w)).ToArray()).ToArray();

            // A cap whose condition never holds in scope has no effect.
            for (var i = 0; i < list.Count; i++)
                if (list[i].When is not null && inScope.Count > 0 && Array.IndexOf(holds[i], true) < 0)
                    Report(DiagnosticDescriptors.ConditionNeverHolds, list[i].Syntax.Tail.Condition!, list[i].Syntax.Tail.Condition!.ToString());

            // Caps of one unit (or 'none') for the same fee item must not both apply to one school, unless one is the other's exception.
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    var a = list[i];
                    var b = list[j];
                    var sameUnit = a.IsNone || b.IsNone || a.Unit!.Equals(b.Unit);
                    if (!sameUnit || a.ExceptionTarget == b || b.ExceptionTarget == a) continue;
                    // An exception to an unknown cap is reported as such (PL0116), not as a conflict as well.
                    if (a.ExceptionTo is not null && a.ExceptionTarget is null || b.ExceptionTo is not null && b.ExceptionTarget is null) continue;
                    var both = FirstWorld(inScope.Count, w => holds[i][w] && holds[j][w]);
                    if (both >= 0)
                        Report(DiagnosticDescriptors.ConflictingCaps, b.Syntax, Line(a.Syntax), analyzer.Describe(inScope[both]));
                }
            }

            // A school in scope that no cap covers, when the caps are conditional.
            if (list.All(c => c.When is not null))
            {
                var uncovered = FirstWorld(inScope.Count, w => !holds.Any(h => h[w]));
                if (uncovered >= 0)
                {
                    var what = group.Key.Length == 0 ? new LocalizedText("fee", "收费") : new LocalizedText(group.Key, group.Key);
                    Report(DiagnosticDescriptors.UncoveredSchools, list[0].Syntax, what, analyzer.Describe(inScope[uncovered]));
                }
            }
        }
    }

    private static int FirstWorld(int count, Func<int, bool> predicate)
    {
        for (var w = 0; w < count; w++)
            if (predicate(w))
                return w;
        return -1;
    }

    /// <summary>The calendar this policy states (its calendar section, else its parent's, else the default).</summary>
    private Calendar ChildCalendar()
    {
        decimal Get(string key, decimal fallback) =>
            (_calendarOverrides.TryGetValue(key, out var p) || _parameters.TryGetValue("calendar." + key, out p) ? p : _parent?.FindParameter("calendar." + key)) is { } parameter
            && ConstantFolder.TryFold(parameter.ValueAt(_policy.Effective), out var v) && v is decimal d ? d : fallback;
        var d0 = Calendar.Default;
        return new Calendar(Get("school_months", d0.SchoolMonths), Get("semesters", d0.Semesters), Get("school_days", d0.SchoolDays), Get("periods_per_day", d0.PeriodsPerDay));
    }

    /// <summary>A policy that extends another may only tighten it: caps, end times, shares and limits.</summary>
    private void CheckTightening(BoundPolicy parent)
    {
        var parentName = parent.Symbol.Name;
        string Clause(Citation? c) => c is null ? "no citation" : "§ " + c.Clause;
        string ClauseZh(Citation? c) => c is null ? "未注明依据" : "依据 " + c.Clause;

        // Caps: a child cap above an overlapping parent cap for the same fee item is looser.
        foreach (var child in _caps)
        {
            foreach (var cap in parent.Caps.Where(p => p.GroupKey == child.GroupKey && !p.IsNone))
            {
                var analyzer = ConditionAnalyzer.For(new[] { child.When, cap.When, _policy.Applies, parent.Symbol.Applies });
                if (analyzer.IsUsable && !analyzer.Worlds.Any(w => ConditionAnalyzer.Holds(child.When, w) && ConditionAnalyzer.Holds(cap.When, w)
                                                                    && ConditionAnalyzer.Holds(_policy.Applies, w) && ConditionAnalyzer.Holds(parent.Symbol.Applies, w)))
                    continue;
                if (!ConstantFolder.TryFold(cap.Parameter!.ValueAt(_policy.Effective), out var pv) || pv is not decimal parentValue) continue;
                var parentShown = ValueFormatter.Format(parentValue, cap.Unit!, Language.English);
                var parentShownZh = ValueFormatter.Format(parentValue, cap.Unit!, Language.Chinese);
                if (child.IsNone)
                {
                    Report(DiagnosticDescriptors.LooserCap, child.Syntax, new LocalizedText("none", "无"), new LocalizedText(Clause(child.Citation), ClauseZh(child.Citation)),
                        new LocalizedText(parentShown, parentShownZh), parentName, new LocalizedText(Clause(cap.Citation), ClauseZh(cap.Citation)));
                    continue;
                }
                if (!ConstantFolder.TryFold(child.Parameter!.ValueAt(_policy.Effective), out var cv) || cv is not decimal childValue) continue;
                // A per-period cap depends on each school's periods a day: it is a further limit beside a
                // monthly cap, not a looser version of it. Calendar units compare through the calendar.
                if (child.Unit!.Unit != cap.Unit!.Unit && (child.Unit.Unit == TimeUnit.Period || cap.Unit.Unit == TimeUnit.Period)) continue;
                var calendar = ChildCalendar();
                var converted = calendar.ConvertRate(childValue, child.Unit!.Unit!.Value, cap.Unit!.Unit!.Value, calendar.PeriodsPerDay);
                if (converted > parentValue + 0.005m)
                {
                    var shown = ValueFormatter.Format(childValue, child.Unit, Language.English);
                    var shownZh = ValueFormatter.Format(childValue, child.Unit, Language.Chinese);
                    if (!child.Unit.Equals(cap.Unit))
                    {
                        shown += $" (≈ {ValueFormatter.Format(converted, cap.Unit, Language.English)})";
                        shownZh += $"（约 {ValueFormatter.Format(converted, cap.Unit, Language.Chinese)}）";
                    }
                    Report(DiagnosticDescriptors.LooserCap, child.Syntax, new LocalizedText(shown, shownZh), new LocalizedText(Clause(child.Citation), ClauseZh(child.Citation)),
                        new LocalizedText(parentShown, parentShownZh), parentName, new LocalizedText(Clause(cap.Citation), ClauseZh(cap.Citation)));
                }
            }
        }

        // Bounded section values with the same id (the section parameter shares the rule's id): compare in the
        // direction of the bound.
        foreach (var rule in _rules.Where(r => r.Section is not null && r.Form != SectionItemForm.Cap))
        {
            if (rule.Check is not BoundBinary check || !_parameters.TryGetValue(rule.Id, out var childParameter)) continue;
            var baseId = rule.Id.Split('#')[0];
            var parentRule = parent.Rules.FirstOrDefault(r => r.Id.Split('#')[0] == baseId && r.Check is BoundBinary pb && pb.Operator == check.Operator);
            if (parentRule is null || parent.FindParameter(parentRule.Id) is not { } parentParameter) continue;
            if (!ConstantFolder.TryFold(childParameter.ValueAt(_policy.Effective), out var cv) || !ConstantFolder.TryFold(parentParameter.ValueAt(_policy.Effective), out var pv)) continue;
            if (cv is null || pv is null || !childParameter.Type.Equals(parentParameter.Type)) continue;
            var order = Evaluator.CompareValues(cv, pv);
            var looser = check.Operator switch
            {
                BoundBinaryOperator.GreaterOrEqual or BoundBinaryOperator.Greater => order < 0,
                BoundBinaryOperator.LessOrEqual or BoundBinaryOperator.Less => order > 0,
                _ => false,
            };
            if (!looser) continue;
            var childShown = new LocalizedText(ValueFormatter.Format(cv, childParameter.Type, Language.English), ValueFormatter.Format(cv, childParameter.Type, Language.Chinese));
            var parentShown = new LocalizedText(ValueFormatter.Format(pv, parentParameter.Type, Language.English), ValueFormatter.Format(pv, parentParameter.Type, Language.Chinese));
            var childClause = new LocalizedText(Clause(rule.Citation), ClauseZh(rule.Citation));
            var parentClause = new LocalizedText(Clause(parentRule.Citation), ClauseZh(parentRule.Citation));
            if (rule.Form == SectionItemForm.Bound && rule.Id.StartsWith("window.end", StringComparison.Ordinal) && check.Operator == BoundBinaryOperator.GreaterOrEqual)
                Report(DiagnosticDescriptors.EarlierEnd, rule.Syntax, childShown, childClause, parentShown, parentName, parentClause);
            else
                Report(DiagnosticDescriptors.LooserBound, rule.Syntax, LocalizedText.Same(baseId), childShown, childClause, parentShown, parentName, parentClause);
        }
    }
}
