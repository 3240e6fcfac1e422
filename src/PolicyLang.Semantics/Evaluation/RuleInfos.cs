using PolicyLang.Binding;
using PolicyLang.Symbols;
using PolicyLang.Syntax;

namespace PolicyLang.Evaluation;

/// <summary>The <see cref="RuleInfo"/> of a bound rule, made one way for the interpreter and the emitter.</summary>
public static class RuleInfos
{
    public static RuleInfo From(BoundRule rule) => new(
        rule.Id,
        CodeOf(rule),
        rule.Citation?.Clause,
        rule.Symbol.Description.English,
        rule.Symbol.Description.Chinese,
        rule.Symbol.Severity == RuleSeverity.Warning ? Severity.Warning : Severity.Error,
        rule.Policy?.Name ?? string.Empty);

    /// <summary>The kind of check: fee.cap, window.end, eligibility.require, …, or "rule" for a written rule.</summary>
    public static string CodeOf(BoundRule rule)
    {
        if (rule.Section is not { } section || rule.Form is not { } form) return "rule";
        var s = section.ToString().ToLowerInvariant();
        var word = form switch
        {
            SectionItemForm.Within => "end",
            SectionItemForm.Bound => rule.Id.StartsWith("window.start", StringComparison.Ordinal) ? "start" : "end",
            SectionItemForm.Named when section == SectionKind.Pay => rule.Id == "pay.staff_share" ? "staff_share"
                : PlanSchema.ProviderKind.Lookup(rule.Id.Substring(4).Split('#')[0]) is not null ? "provider" : "finance",
            SectionItemForm.Named when section == SectionKind.Homework => "limit",
            SectionItemForm.Duration when section == SectionKind.Staffing => "ratio",
            SectionItemForm.Named => rule.Id.Split('.')[1].Split('#')[0],
            SectionItemForm.CollectedBy => "collected_by",
            _ => form.ToString().ToLowerInvariant(),
        };
        return s + "." + word;
    }

    public static PolicyInfo PolicyInfo(BoundPolicy policy) => new(
        policy.Symbol.Name,
        policy.Symbol.Title,
        policy.Symbol.Issuer,
        policy.Symbol.Document,
        policy.Symbol.Level?.Name,
        policy.Symbol.Effective,
        policy.Symbol.Until,
        policy.Symbol.ParentName,
        policy.Rules.Select(From).ToList());
}
