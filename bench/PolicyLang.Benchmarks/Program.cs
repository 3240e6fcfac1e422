using System.Globalization;
using BenchmarkDotNet.Running;
using PolicyLang.Benchmarks;

// Usage (from the repository root; always Release):
//   dotnet run -c Release --project bench/PolicyLang.Benchmarks -- --quick [--lines N] [--rounds N]
//   dotnet run -c Release --project bench/PolicyLang.Benchmarks -- --emit PATH [--lines N]
//   dotnet run -c Release --project bench/PolicyLang.Benchmarks -- --filter '*FrontEnd*'   (BenchmarkDotNet)

var lines = PolicyGenerator.DefaultLines;
var rounds = 10;
string? emit = null;
var quick = false;
var rest = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick":
            quick = true;
            break;
        case "--lines" when i + 1 < args.Length:
            lines = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--rounds" when i + 1 < args.Length:
            rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--emit" when i + 1 < args.Length:
            emit = args[++i];
            break;
        default:
            rest.Add(args[i]);
            break;
    }
}

if (emit is not null)
{
    var text = PolicyGenerator.Generate(lines);
    var warnings = Workload.Verify(text);
    File.WriteAllText(emit, text);
    Console.WriteLine($"wrote {emit}: {Workload.CountLines(text)} lines, {text.Length:N0} chars, 0 errors, {warnings} warnings");
    return 0;
}

if (quick) return QuickRunner.Run(lines, rounds, Console.Out);

// In process, always: the target is an in-process figure, and BenchmarkDotNet's out-of-process toolchain rebuilds
// the project with an absolute IntermediateOutputPath, which Antlr4BuildTasks 8.13 appends to the project folder
// (CS2001: '<repo>/src/PolicyLang.Syntax/<repo>/…/PolicyLexer.cs' could not be found).
if (!rest.Contains("--inProcess") && !rest.Contains("-i")) rest.Add("--inProcess");
Console.WriteLine(QuickRunner.Machine());
BenchmarkSwitcher.FromAssembly(typeof(FrontEndBenchmarks).Assembly).Run(rest.ToArray());
return 0;
