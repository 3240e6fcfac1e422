using PolicyLang.Evaluation;
using PolicyLang.LanguageServer.Analysis;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Server;
using PolicyLang.Symbols;
using PolicyLang.Types;
using StreamJsonRpc;
using Range = PolicyLang.LanguageServer.Protocol.Range;

namespace PolicyLang.LanguageServer.Features.InlayHints;

public sealed record InlayHintParams(TextDocumentIdentifier TextDocument, Range Range);

public sealed record InlayHint(Position Position, string Label, int? Kind = null, string? Tooltip = null, bool? PaddingLeft = null);

/// <summary>
/// Inlay hints after every money rate a policy states (parameters and section values, each dated value): the
/// same amount in the units readers compare it with, through the policy's calendar — after a monthly cap,
/// <c>≈ 600 CNY per student per semester</c>.
/// </summary>
public sealed class InlayHintProvider : ILanguageFeature
{
    private readonly ServerContext _context;

    public InlayHintProvider(ServerContext context) => _context = context;

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with { InlayHintProvider = true };

    [JsonRpcMethod("textDocument/inlayHint")]
    public InlayHint[] Hints(InlayHintParams p, CancellationToken cancellation)
    {
        var analysis = _context.Workspace.Analyze(p.TextDocument.Uri);
        if (analysis is null) return Array.Empty<InlayHint>();
        cancellation.ThrowIfCancellationRequested();
        var from = analysis.Offset(p.Range.Start);
        var to = analysis.Offset(p.Range.End);
        return Compute(analysis).Where(h => h.Offset >= from && h.Offset <= to).Select(h => h.Hint).ToArray();
    }

    /// <summary>The units a rate in one unit is shown in.</summary>
    public static TimeUnit[] Companions(TimeUnit unit) => unit switch
    {
        TimeUnit.Period => new[] { TimeUnit.Day },
        TimeUnit.Day => new[] { TimeUnit.Month },
        TimeUnit.Month => new[] { TimeUnit.Semester },
        TimeUnit.Semester => new[] { TimeUnit.Month },
        _ => new[] { TimeUnit.Month },
    };

    public static IEnumerable<(int Offset, InlayHint Hint)> Compute(DocumentAnalysis analysis)
    {
        var language = analysis.Language;
        var calendar = analysis.Policy.Calendar();
        foreach (var parameter in analysis.Policy.Parameters)
        {
            if (parameter.Type is not MoneyType { Unit: { } unit } money) continue;
            foreach (var dated in parameter.Values)
            {
                // Only the values this document states (not a parent's, nor the standard model's).
                if (dated.Value.Syntax is not { } syntax || !ReferenceEquals(parameter.Location?.Text, analysis.Text)) continue;
                if (!ConstantFolder.TryFold(dated.Value, out var value) || value is not decimal amount) continue;
                var label = "≈ " + string.Join(", ", Companions(unit).Select(u => ValueText.Money(calendar.ConvertRate(amount, unit, u), money.Basis, u, language)));
                var tooltip = SymbolFacts.T(language,
                    $"{parameter.Name} through the calendar: {calendar.SchoolMonths} school months, {calendar.Semesters} semesters, {calendar.SchoolDays} school days, {calendar.PeriodsPerDay} periods a day",
                    $"{parameter.Name} 按校历换算：{calendar.SchoolMonths} 个教学月、{calendar.Semesters} 个学期、{calendar.SchoolDays} 个上学日、每日 {calendar.PeriodsPerDay} 课时");
                yield return (syntax.Span.End, new InlayHint(analysis.Position(syntax.Span.End), label, Kind: 1, Tooltip: tooltip, PaddingLeft: true));
            }
        }
    }
}
