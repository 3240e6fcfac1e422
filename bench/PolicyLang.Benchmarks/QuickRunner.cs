using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using PolicyLang.Syntax;
using PolicyLang.Syntax.Formatting;

namespace PolicyLang.Benchmarks;

/// <summary>
/// The same measurements as <see cref="FrontEndBenchmarks"/> with a plain Stopwatch, in a few seconds:
/// warm up, then run rounds that each time every workload once (interleaved, so drift on a shared machine
/// hits all of them alike), and report the median and the fastest round. The ratio is of medians.
/// </summary>
public static class QuickRunner
{
    public static int Run(int lines, int rounds, TextWriter output)
    {
        var setup = Stopwatch.StartNew();
        var workload = Workload.Create(lines);
        var tree = SyntaxTree.Parse(workload.Policy, Workload.PolicyPath);
        setup.Stop();

        var steps = new (string Name, Func<int> Run)[]
        {
            ("JSON baseline", () =>
            {
                using var document = JsonDocument.Parse(workload.Json);
                return document.RootElement.GetArrayLength();
            }),
            ("parse + bind", () => Compilation.Create(SyntaxTree.Parse(workload.Policy, Workload.PolicyPath)).Diagnostics.Length),
            ("parse", () => SyntaxTree.Parse(workload.Policy, Workload.PolicyPath).Tokens.Length),
            ("parse, ASCII twin", () => SyntaxTree.Parse(workload.AsciiTwin, Workload.PolicyPath).Tokens.Length),
            ("bind (parsed tree)", () => Compilation.Create(tree).Diagnostics.Length),
            ("format (parsed tree)", () => PolicyFormatter.Format(tree).Length),
        };

        // Warm-up: tiered JIT reaches optimized code after a few dozen calls of each method.
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < 3 || warm.Elapsed < TimeSpan.FromSeconds(1.5) && i < 30; i++)
            foreach (var step in steps)
                step.Run();

        var samples = steps.Select(_ => new List<double>(rounds)).ToArray();
        var sink = 0;
        for (var r = 0; r < rounds; r++)
        {
            for (var s = 0; s < steps.Length; s++)
            {
                var sw = Stopwatch.StartNew();
                sink += steps[s].Run();
                sw.Stop();
                samples[s].Add(sw.Elapsed.TotalMilliseconds);
            }
        }
        GC.KeepAlive(sink);

        var medians = samples.Select(Median).ToArray();
        var mins = samples.Select(s => s.Min()).ToArray();
        var json = medians[0];

        output.WriteLine("PolicyLang front-end benchmark (quick mode: Stopwatch, interleaved rounds)");
        output.WriteLine(Machine());
        output.WriteLine($"workload: generated policy of {workload.Lines} lines, {workload.Policy.Length:N0} chars (0 errors, {workload.Warnings} warnings); " +
                         $"JSON baseline of {workload.Json.Length:N0} chars; setup {setup.Elapsed.TotalSeconds:F1} s; {rounds} rounds after warm-up");
        output.WriteLine();
        output.WriteLine($"{"workload",-22} {"median ms",10} {"min ms",10} {"ratio to JSON",14}");
        for (var s = 0; s < steps.Length; s++)
            output.WriteLine($"{steps[s].Name,-22} {medians[s],10:F2} {mins[s],10:F2} {medians[s] / json,13:F1}×");
        output.WriteLine();
        var parseBind = medians[1];
        var format = medians[5];
        output.WriteLine($"parse+bind = {parseBind:F1} ms, {parseBind / json:F1}× the JSON baseline " +
                         $"(target < 100 ms: {(parseBind < 100 ? "met" : "NOT met")}); format = {format:F1} ms, {format / json:F1}× the JSON baseline");
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Cores, memory, processor, OS and runtime, one line each.</summary>
    public static string Machine()
    {
        var memory = TotalMemoryBytes();
        var cpu = CpuModel();
        return string.Join("\n", new[]
        {
            $"machine: {Environment.ProcessorCount} cores, {memory / (1024.0 * 1024 * 1024):F1} GiB memory{(cpu is null ? string.Empty : ", " + cpu)}",
            $"os: {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}); runtime: {RuntimeInformation.FrameworkDescription}; " +
            $"GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}; date: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" +
            (LoadAverage() is { } load ? $"; load average {load} (other work on a shared machine skews absolute times)" : string.Empty),
        });
    }

    private static long TotalMemoryBytes()
    {
        try
        {
            if (File.Exists("/proc/meminfo"))
            {
                var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
                var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
                if (kb is not null && long.TryParse(kb, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k)) return k * 1024;
            }
        }
        catch (IOException)
        {
        }
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    private static string? LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        }
        catch (IOException)
        {
        }
        return null;
    }
}
