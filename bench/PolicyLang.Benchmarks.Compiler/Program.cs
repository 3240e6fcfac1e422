using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Running;
using PolicyLang.Benchmarks.Compiler;

// Usage (from the repository root; always Release):
//   dotnet run -c Release --project bench/PolicyLang.Benchmarks.Compiler -- --quick [--plans N] [--seconds S]
//   dotnet run -c Release --project bench/PolicyLang.Benchmarks.Compiler -- --filter '*Validation*'   (BenchmarkDotNet)

var plans = 10_000;
var seconds = 2.0;
var quick = false;
var rest = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick": quick = true; break;
        case "--plans" when i + 1 < args.Length: plans = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--seconds" when i + 1 < args.Length: seconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default: rest.Add(args[i]); break;
    }
}

Console.WriteLine(Machine());
if (!quick)
{
    if (!rest.Contains("--inProcess") && !rest.Contains("-i")) rest.Add("--inProcess");
    BenchmarkSwitcher.FromAssembly(typeof(ValidationBenchmarks).Assembly).Run(rest.ToArray());
    return 0;
}

// Quick mode: each validator validates the same in-memory plans on this one thread, alternately, for a few
// seconds each round after a warm-up; plans per second is the median of three rounds.
Console.WriteLine($"Validation throughput, one thread, {plans:N0} in-memory plans per policy and mix, compiled vs interpreter on the same plans in the same run");
var results = new List<(string Name, Plans.Mix Mix, double Compiled, double Ratio)>();
foreach (var mix in new[] { Plans.Mix.Typical, Plans.Mix.Broken })
{
    Console.WriteLine();
    Console.WriteLine(mix == Plans.Mix.Typical
        ? "typical mix: 9 plans in 10 are the compliant example with the school's size varied, 1 in 10 varied freely"
        : "broken mix: every plan varied freely (fees, times, location, participation, activities, pay, insurance)");
    Console.WriteLine($"{"policy",-26} {"rules",6} {"breaking",9} {"viol./plan",11} {"compiled plans/s",17} {"interpreter plans/s",20} {"ratio",8}");
    foreach (var name in ValidationWorkload.Districts)
    {
        var w = ValidationWorkload.Create(Repository.Examples, name, plans, mix);
        double Rate(PolicyLang.Runtime.IPlanValidator v)
        {
            var done = 0L;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                ValidationWorkload.Validate(v, w.Plans);
                done += w.Plans.Count;
            }
            return done / clock.Elapsed.TotalSeconds;
        }
        for (var i = 0; i < 3; i++)
        {
            ValidationWorkload.Validate(w.Compiled, w.Plans);
            ValidationWorkload.Validate(w.Interpreter, w.Plans);
        }
        var compiled = new List<double>();
        var interpreted = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            compiled.Add(Rate(w.Compiled));
            interpreted.Add(Rate(w.Interpreter));
        }
        var c = compiled.OrderBy(x => x).ElementAt(1);
        var t = interpreted.OrderBy(x => x).ElementAt(1);
        var (breaking, violations) = w.Profile();
        results.Add((name, mix, c, c / t));
        Console.WriteLine($"{name,-26} {w.Policy.Rules.Length,6} {breaking,9:P0} {violations,11:F2} {c,17:N0} {t,20:N0} {c / t,7:F1}×");
    }
}
Console.WriteLine();
foreach (var mix in new[] { Plans.Mix.Typical, Plans.Mix.Broken })
{
    var slowest = results.Where(r => r.Mix == mix).Min(r => r.Compiled);
    var ratio = results.Where(r => r.Mix == mix).Min(r => r.Ratio);
    Console.WriteLine($"{mix.ToString().ToLowerInvariant()} mix: slowest compiled {slowest:N0} plans/s (target ≥ 2,000,000: {(slowest >= 2_000_000 ? "met" : "NOT met")}); " +
                      $"smallest ratio to the interpreter {ratio:F1}× (target ≥ 20×: {(ratio >= 20 ? "met" : "NOT met")})");
}
return 0;

static string Machine()
{
    var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
    return $"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {RuntimeInformation.OSDescription.Trim()}, " +
           $"{RuntimeInformation.FrameworkDescription}, load average {load}, {DateTime.Now:yyyy-MM-dd}";
}
