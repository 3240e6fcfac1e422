using PolicyLang.Binding;
using PolicyLang.Evaluation;
using PolicyLang.Symbols;
using PolicyLang.Types;

namespace PolicyLang.LanguageServer.Analysis;

/// <summary>
/// What the editor says about a symbol — its kind, type and unit, its value in force today, that value converted
/// through the policy's calendar, its clause — in the client's language. Hover, completion and inlay hints share it.
/// </summary>
public static class SymbolFacts
{
    private static readonly TimeUnit[] Units = { TimeUnit.Period, TimeUnit.Day, TimeUnit.Month, TimeUnit.Semester, TimeUnit.Year };

    public static string T(Language language, string english, string chinese) => language == Language.Chinese ? chinese : english;

    /// <summary>The parameter's value in force on a date (today by default), or null when it cannot be evaluated.</summary>
    public static object? ValueOf(BoundPolicy policy, ParameterSymbol parameter, out Calendar calendar, DateTime? asOf = null)
    {
        try
        {
            var values = new ParameterValues(policy, asOf ?? DateTime.Today);
            calendar = values.Calendar;
            return values.Get(parameter);
        }
        catch (Exception e) when (e is EvaluationException or InvalidOperationException or ArithmeticException)
        {
            calendar = Calendar.Default;
            return null;
        }
    }

    /// <summary>A money rate in the other calendar units: "≈ 600 CNY per student per semester", …</summary>
    public static IReadOnlyList<string> Conversions(decimal amount, MoneyType type, Calendar calendar, Language language)
    {
        if (type.Unit is not { } from) return Array.Empty<string>();
        return Units.Where(u => u != from)
            .Select(u => ValueText.Money(calendar.ConvertRate(amount, from, u), type.Basis, u, language))
            .ToList();
    }

    public static string KindName(SymbolKind kind, Language language) => kind switch
    {
        SymbolKind.Parameter => T(language, "parameter", "参数"),
        SymbolKind.Measure => T(language, "measure", "指标"),
        SymbolKind.Rule => T(language, "rule", "规则"),
        SymbolKind.Scenario => T(language, "scenario", "情景"),
        SymbolKind.Policy => T(language, "policy", "政策"),
        SymbolKind.Field => T(language, "field", "字段"),
        SymbolKind.EnumMember => T(language, "enumeration member", "枚举值"),
        SymbolKind.Variable => T(language, "variable", "变量"),
        SymbolKind.Root => T(language, "root", "根"),
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The hover text of a symbol, in Markdown.</summary>
    public static string Describe(SymbolTarget target, BoundPolicy policy, Language language)
    {
        var lines = new List<string>();
        switch (target.Symbol)
        {
            case ParameterSymbol p:
            {
                lines.Add($"**{KindName(SymbolKind.Parameter, language)}** `{p.Name}`: {p.Type.ToString(language)}");
                var value = ValueOf(policy, p, out var calendar);
                if (value is not null)
                {
                    lines.Add(T(language, "Value in force today: ", "今日生效值：") + $"**{ValueFormatter.Format(value, p.Type, language)}**");
                    if (value is decimal d && p.Type is MoneyType { IsRate: true } money)
                        lines.Add("≈ " + string.Join(" · ", Conversions(d, money, calendar, language)) +
                            T(language, $" (calendar: {calendar.SchoolMonths} school months, {calendar.Semesters} semesters, {calendar.SchoolDays} school days, {calendar.PeriodsPerDay} periods a day)",
                                $"（校历：{calendar.SchoolMonths} 个教学月、{calendar.Semesters} 个学期、{calendar.SchoolDays} 个上学日、每日 {calendar.PeriodsPerDay} 课时）"));
                }
                var dated = p.Values.Where(v => v.From is not null).ToList();
                if (dated.Count > 0)
                    lines.Add(T(language, "Dated values: ", "分段取值：") + string.Join("; ", p.Values.Select(v =>
                        (v.From is { } f ? T(language, "from ", "自 ") + f.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : T(language, "initially", "初始")) +
                        (ConstantFolder.TryFold(v.Value, out var folded) && folded is not null ? ": " + ValueFormatter.Format(folded, p.Type, language) : string.Empty))));
                if (p.Citation is { } c) lines.Add(Cite(c, language));
                break;
            }
            case MeasureSymbol m:
                lines.Add($"**{KindName(SymbolKind.Measure, language)}** `{m.Name}`: {m.Type.ToString(language)}" +
                    (m.IsStandard ? T(language, " (standard model)", "（标准模型）") : string.Empty));
                if (m.Expression?.Syntax is { } syntax) lines.Add("```policy\n" + syntax + "\n```");
                if (m.Citation is { } mc) lines.Add(Cite(mc, language));
                break;
            case RuleSymbol r:
                lines.Add($"**{KindName(SymbolKind.Rule, language)}** `{r.Name}`" + (r.Severity == RuleSeverity.Warning ? T(language, " (warning)", "（警告）") : string.Empty));
                var description = r.Description.ToString(language);
                if (!string.IsNullOrWhiteSpace(description)) lines.Add(description);
                if (r.Citation is { } rc) lines.Add(Cite(rc, language));
                if (r.Policy is { } owner) lines.Add(T(language, "Policy: ", "政策：") + $"`{owner.Name}`" + (owner.Title is { } t ? " — " + t : string.Empty));
                break;
            case PolicySymbol ps:
                lines.Add($"**{KindName(SymbolKind.Policy, language)}** `{ps.Name}`");
                if (ps.Title is { } title) lines.Add(title);
                if (ps.Issuer is { } issuer) lines.Add(T(language, "Issued by ", "发文机关：") + issuer + (ps.Document is { } doc ? $" ({doc})" : string.Empty));
                if (ps.Effective is { } eff) lines.Add(T(language, "Effective ", "施行日期：") + eff.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) +
                    (ps.Until is { } until ? T(language, " until ", " 至 ") + until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : string.Empty));
                break;
            case BoundScenario s:
                lines.Add($"**{KindName(SymbolKind.Scenario, language)}** `{s.Name}`" + (s.Label is { } label ? " — " + label : string.Empty));
                foreach (var set in s.Sets) lines.Add($"- `{set.Parameter.Name}` = {set.Syntax switch { Syntax.SetItemSyntax item => item.Value.ToString(), _ => "…" }}");
                break;
            case FieldSymbol f:
                lines.Add($"**{KindName(SymbolKind.Field, language)}** `{target.Name}`: {f.Type.ToString(language)}" +
                    (f.IsOptional ? T(language, " (optional)", "（可选）") : string.Empty));
                lines.Add(T(language, f.Description, f.ChineseDescription));
                if (f.Owner is { } record) lines.Add(T(language, "JSON: ", "JSON 路径：") + $"`{record.JsonPath}.{f.Name}`");
                break;
            case EnumMemberSymbol e:
                lines.Add($"**{KindName(SymbolKind.EnumMember, language)}** `{e.Name}` / `{e.ChineseName}` — {e.Owner.Name} ({e.Owner.ChineseName})");
                lines.Add(e.Owner.Description);
                break;
            case VariableSymbol v:
                lines.Add($"**{KindName(SymbolKind.Variable, language)}** `{v.Name}`: {v.Type.ToString(language)}");
                break;
            case RootSymbol root:
                lines.Add($"`{root.Name}`: {root.Type.ToString(language)}");
                lines.Add(root.Description);
                break;
            default:
                lines.Add($"`{target.Name}`");
                break;
        }
        return string.Join("\n\n", lines);
    }

    public static string Cite(Citation citation, Language language) => T(language, "Cited clause: ", "依据条款：") + $"**§ {citation.Clause}**";
}
