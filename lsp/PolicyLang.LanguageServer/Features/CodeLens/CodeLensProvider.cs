using System.Runtime.CompilerServices;
using PolicyLang.LanguageServer.Analysis;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Server;
using PolicyLang.Simulation;
using PolicyLang.Simulation.Data;
using PolicyLang.Simulation.Engine;
using PolicyLang.Simulation.Scenarios;
using PolicyLang.Tooling;
using StreamJsonRpc;
using Range = PolicyLang.LanguageServer.Protocol.Range;

namespace PolicyLang.LanguageServer.Features.CodeLens;

public sealed record CodeLensParams(TextDocumentIdentifier TextDocument);

public sealed record CodeLens(Range Range, Command? Command = null);

/// <summary>
/// Code lens above each <c>test</c> block (whether it passes, run by the interpreter — never Roslyn emit) and
/// each <c>scenario</c> (its effect on the totals against the baseline, simulated by the interpreter on the
/// district data bundled beside the policy: <c>data/&lt;first word of the file name&gt;/</c>, as in the examples).
/// Results are computed once per version of the document.
/// </summary>
public sealed class CodeLensProvider : ILanguageFeature
{
    private static readonly ConditionalWeakTable<DocumentAnalysis, Lazy<CodeLens[]>> s_cache = new();
    private static readonly object s_dataLock = new();
    private static readonly Dictionary<string, (DateTime Stamp, DistrictData? Data)> s_data = new(StringComparer.Ordinal);

    private readonly ServerContext _context;

    public CodeLensProvider(ServerContext context) => _context = context;

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with { CodeLensProvider = new CodeLensOptions(false) };

    [JsonRpcMethod("textDocument/codeLens")]
    public CodeLens[] Lenses(CodeLensParams p, CancellationToken cancellation)
    {
        var analysis = _context.Workspace.Analyze(p.TextDocument.Uri);
        if (analysis is null) return Array.Empty<CodeLens>();
        cancellation.ThrowIfCancellationRequested();
        return s_cache.GetValue(analysis, a => new Lazy<CodeLens[]>(() => Compute(a, _context), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    public static CodeLens[] Compute(DocumentAnalysis analysis, ServerContext? context = null)
    {
        var language = analysis.Language;
        var lenses = new List<CodeLens>();
        if (analysis.Compilation.Diagnostics.Any(d => d.IsError))
            return lenses.ToArray(); // results of a policy with errors would mislead
        var policy = analysis.Policy;

        foreach (var result in PolicyTestRunner.Run(policy, TestEngine.Interpreted, language))
        {
            if (result.Test.Syntax.Span.End > analysis.Text.Length) continue;
            var title = result.Passed
                ? SymbolFacts.T(language, "✓ passes", "✓ 通过") + $" ({result.Actual})"
                : SymbolFacts.T(language, $"✗ fails: expected {result.Expected}, got {result.Actual}", $"✗ 未通过：预期 {result.Expected}，实际 {result.Actual}");
            lenses.Add(new CodeLens(analysis.Range(result.Test.Syntax.Keyword.Span), new Command(title, string.Empty)));
        }

        if (policy.Scenarios.Length > 0 && DataFor(analysis, context) is { } data)
        {
            try
            {
                var scenarios = policy.Scenarios.Select(s => SimulationScenario.From(policy, s)).ToList();
                var run = Simulator.Run(policy, data.Data, scenarios, new SimulationOptions { Engine = SimulationEngineKind.Interpreter });
                var baseline = run.Baseline.Totals;
                for (var i = 0; i < policy.Scenarios.Length; i++)
                {
                    var totals = run.Scenarios[i].Totals;
                    var title = SymbolFacts.T(language,
                        $"{data.Name}: family payments {Delta(totals.FamilyPayments, baseline.FamilyPayments)} · subsidy {Delta(totals.SubsidyCost, baseline.SubsidyCost)} · staff pool {Delta(totals.StaffPool, baseline.StaffPool)} CNY/year",
                        $"{data.Name}：家庭缴费 {Delta(totals.FamilyPayments, baseline.FamilyPayments)} · 财政补贴 {Delta(totals.SubsidyCost, baseline.SubsidyCost)} · 人员报酬 {Delta(totals.StaffPool, baseline.StaffPool)} 元/年");
                    lenses.Add(new CodeLens(analysis.Range(policy.Scenarios[i].Syntax.Keyword.Span), new Command(title, string.Empty)));
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                context?.Trace($"scenario lens for {analysis.Uri}: {e.GetType().Name}: {e.Message}");
            }
        }
        return lenses.ToArray();
    }

    private static string Delta(decimal scenario, decimal baseline)
    {
        var delta = Math.Round(scenario - baseline, 0, MidpointRounding.AwayFromZero);
        var text = (delta >= 0 ? "+" : "−") + Math.Abs(delta).ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);
        if (baseline != 0) text += $" ({(scenario - baseline) / baseline * 100m:+0.0;−0.0;0.0}%)";
        return text;
    }

    /// <summary>The district data beside the policy (data/&lt;first word of the file name&gt;/), loaded once until it changes.</summary>
    private static (string Name, DistrictData Data)? DataFor(DocumentAnalysis analysis, ServerContext? context)
    {
        var path = analysis.Tree.Path;
        if (string.IsNullOrEmpty(path)) return null;
        var name = Path.GetFileNameWithoutExtension(path).Split('-', '_', '.')[0];
        var folder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", "data", name);
        if (!Directory.Exists(folder)) return null;
        var stamp = Directory.EnumerateFiles(folder).Select(File.GetLastWriteTimeUtc).DefaultIfEmpty().Max();
        lock (s_dataLock)
        {
            if (s_data.TryGetValue(folder, out var cached) && cached.Stamp == stamp) return cached.Data is null ? null : ($"data/{name}", cached.Data);
        }
        DistrictData? data = null;
        try
        {
            data = DistrictDataLoader.Load(folder);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context?.Trace($"district data {folder}: {e.Message}");
        }
        lock (s_dataLock) s_data[folder] = (stamp, data);
        return data is null ? null : ($"data/{name}", data);
    }
}
