using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PolicyLang.Syntax;
using PolicyLang.Syntax.Formatting;

namespace PolicyLang.Benchmarks;

/// <summary>
/// The front-end target of design/performance.md: parse + bind a generated 10,000-line policy, in process,
/// warm (< 100 ms). Peer for the ratio: System.Text.Json parsing a JSON document of the same size, in the
/// same run. Parse, bind and format are also measured on their own.
/// </summary>
[MemoryDiagnoser]
public class FrontEndBenchmarks
{
    private Workload _workload = null!;
    private SyntaxTree _tree = null!;

    [Params(PolicyGenerator.DefaultLines)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _workload = Workload.Create(Lines);
        _tree = SyntaxTree.Parse(_workload.Policy, Workload.PolicyPath);
        Console.WriteLine($"// policy: {_workload.Lines} lines, {_workload.Policy.Length} chars, 0 errors, {_workload.Warnings} warnings; JSON baseline: {_workload.Json.Length} chars");
    }

    [Benchmark(Baseline = true, Description = "JSON baseline (JsonDocument.Parse, same size)")]
    public int JsonBaseline()
    {
        using var document = JsonDocument.Parse(_workload.Json);
        return document.RootElement.GetArrayLength();
    }

    [Benchmark(Description = "parse + bind")]
    public int ParseAndBind() => Compilation.Create(SyntaxTree.Parse(_workload.Policy, Workload.PolicyPath)).Diagnostics.Length;

    [Benchmark(Description = "parse")]
    public int Parse() => SyntaxTree.Parse(_workload.Policy, Workload.PolicyPath).Tokens.Length;

    [Benchmark(Description = "parse, ASCII twin (no Chinese text)")]
    public int ParseAsciiTwin() => SyntaxTree.Parse(_workload.AsciiTwin, Workload.PolicyPath).Tokens.Length;

    [Benchmark(Description = "bind (parsed tree)")]
    public int Bind() => Compilation.Create(_tree).Diagnostics.Length;

    [Benchmark(Description = "format (parsed tree)")]
    public int Format() => PolicyFormatter.Format(_tree).Length;
}
