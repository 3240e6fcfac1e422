using System.Text;
using CsCheck;
using PolicyLang.Diagnostics;
using PolicyLang.Syntax;
using PolicyLang.Syntax.Formatting;

namespace PolicyLang.Tests.Robustness;

/// <summary>
/// The invariants every input must keep, and a deterministic way to sample CsCheck generators.
/// <para>
/// Sampling: iteration i of a property draws its input from <c>new PCG(stream, seed + i)</c>, so a run is the
/// same on every machine and every time. A failure names the seed of the failing input; rerun just that input
/// with <c>POLICYLANG_FUZZ_SEED=&lt;seed&gt; POLICYLANG_FUZZ_ITER=1 dotnet test --filter &lt;test&gt;</c>, or explore
/// further with another seed and a larger POLICYLANG_FUZZ_ITER.
/// </para>
/// <para>
/// Everything runs on a dedicated thread with a 1 MB stack (the smallest default a .NET host gives a thread:
/// Windows main threads), so stack-depth behaviour does not depend on the test runner's threads, and under a
/// watchdog, so a hang fails the test instead of stalling the run. The watchdog is generous; it only catches
/// inputs that never finish.
/// </para>
/// </summary>
public static class Robust
{
    public const int StackBytes = 1024 * 1024;
    public static readonly TimeSpan Watchdog = TimeSpan.FromMinutes(5);
    public const string Path = "robustness.policy";

    /// <summary>Runs <paramref name="action"/> on a fresh thread (1 MB stack unless given); fails if it throws or never returns.</summary>
    public static void OnThread(Action action, TimeSpan? watchdog = null, int stackBytes = StackBytes)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, stackBytes)
        { IsBackground = true, Name = "robustness" };
        thread.Start();
        var limit = watchdog ?? Watchdog;
        if (!thread.Join(limit))
            throw new Xunit.Sdk.XunitException($"did not complete within {limit.TotalMinutes:F0} minutes: a hang (or a pathological slowdown)");
        if (failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
    }

    /// <summary>
    /// Checks <paramref name="iterations"/> inputs drawn from <paramref name="gen"/>, deterministically (see the type's summary).
    /// POLICYLANG_FUZZ_SEED and POLICYLANG_FUZZ_ITER override the seed and the count.
    /// </summary>
    public static void ForAll<T>(Gen<T> gen, ulong seed, int iterations, Action<T> check, Func<T, string>? print = null)
    {
        if (ulong.TryParse(Environment.GetEnvironmentVariable("POLICYLANG_FUZZ_SEED"), out var s)) seed = s;
        if (int.TryParse(Environment.GetEnvironmentVariable("POLICYLANG_FUZZ_ITER"), out var n)) iterations = n;
        print ??= v => v?.ToString() ?? "null";
        // POLICYLANG_FUZZ_ALL=1 keeps going after a failure and reports the shortest input of each kind of failure.
        var all = Environment.GetEnvironmentVariable("POLICYLANG_FUZZ_ALL") == "1";
        var failures = new SortedDictionary<string, (ulong Seed, string Input, Exception Error)>(StringComparer.Ordinal);
        OnThread(() =>
        {
            for (var i = 0; i < iterations; i++)
            {
                var current = seed + (ulong)i;
                var value = gen.Generate(new PCG(7, current), null!, out _);
                try
                {
                    check(value);
                }
                catch (Exception e)
                {
                    var input = print(value);
                    if (!all) throw Failure(current, input, e);
                    var kind = Kind(e);
                    if (!failures.TryGetValue(kind, out var known) || input.Length < known.Input.Length) failures[kind] = (current, input, e);
                }
            }
        });
        if (failures.Count > 0)
            throw new Xunit.Sdk.XunitException($"{failures.Count} kinds of failure:\n\n" + string.Join("\n\n==========\n\n",
                failures.Select(f => $"[{f.Key}]\n" + Failure(f.Value.Seed, f.Value.Input, f.Value.Error).Message)));
    }

    /// <summary>
    /// Parses, binds and formats <paramref name="text"/>: none may throw; every diagnostic has a location inside
    /// the text and renders in both languages. When the text has no syntax errors, formatting must give text that
    /// parses without errors, keeps the tokens and comments, and formats to itself.
    /// Returns the syntax tree and compilation for further checks.
    /// </summary>
    public static (SyntaxTree Tree, Compilation Compilation) Check(string text)
    {
        var tree = SyntaxTree.Parse(text, Path);
        CheckDiagnostics(text, tree.Diagnostics, "parse");
        var compilation = Compilation.Create(tree);
        CheckDiagnostics(text, compilation.Diagnostics, "bind");
        var formatted = PolicyFormatter.Format(tree);
        if (!tree.HasErrors) CheckFormatting(tree, formatted);
        return (tree, compilation);
    }

    public static void CheckFormatting(SyntaxTree tree, string formatted)
    {
        var reparsed = SyntaxTree.Parse(formatted, Path);
        if (reparsed.HasErrors)
            throw new Xunit.Sdk.XunitException("formatted text does not parse:\n" + Render(reparsed.Diagnostics.Where(d => d.IsError)) + "\n--- formatted ---\n" + Shorten(formatted, 4000));
        if (!PolicyFormatter.SameContent(tree, reparsed, out var difference))
            throw new Xunit.Sdk.XunitException($"formatting changed more than layout: {difference}\n--- formatted ---\n{Shorten(formatted, 4000)}");
        var again = PolicyFormatter.Format(reparsed);
        if (again != formatted)
            throw new Xunit.Sdk.XunitException("format is not idempotent: format(format(x)) != format(x)\n" + FirstDifference(formatted, again));
    }

    public static void CheckDiagnostics(string text, IEnumerable<Diagnostic> diagnostics, string phase)
    {
        foreach (var d in diagnostics)
        {
            var span = d.Location.Span;
            if ((span.Start < 0 || span.End > text.Length || span.Start > span.End))
                throw new Xunit.Sdk.XunitException($"{phase}: diagnostic {d.Code} has span {span.Start}..{span.End} outside the text (length {text.Length})");
            _ = d.Location.Start;
            _ = d.Location.End;
            _ = d.ToString(Language.English);
            _ = d.ToString(Language.Chinese);
        }
    }

    public static string Render(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics.Take(20).Select(d => Shorten(d.ToString(), 300)));

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + $"… ({text.Length - max} more chars)";

    private static string Describe(string text) => $"{text.Length} chars";

    private static Xunit.Sdk.XunitException Failure(ulong seed, string input, Exception e) => new(
        $"property failed for seed {seed} (rerun alone: POLICYLANG_FUZZ_SEED={seed} POLICYLANG_FUZZ_ITER=1)\n" +
        $"input ({Describe(input)}):\n{Shorten(input, 4000)}\n--- failure ---\n{e}");

    /// <summary>A failure's kind: the exception type and the first line of its message, without numbers.</summary>
    private static string Kind(Exception e)
    {
        var first = e.Message.Split('\n')[0];
        if (e is not Xunit.Sdk.XunitException) first = e.GetType().Name + ": " + first + " @ " + e.StackTrace?.Split('\n').FirstOrDefault()?.Trim();
        return System.Text.RegularExpressions.Regex.Replace(first, "[0-9]+", "#");
    }

    public static string FirstDifference(string expected, string actual)
    {
        var i = 0;
        while (i < expected.Length && i < actual.Length && expected[i] == actual[i]) i++;
        var line = expected.Take(i).Count(c => c == '\n') + 1;
        string Around(string s) => s.Substring(Math.Max(0, i - 200), Math.Min(s.Length, i + 200) - Math.Max(0, i - 200));
        var sb = new StringBuilder();
        sb.Append("first difference at char ").Append(i).Append(" (line ").Append(line).Append(")\n");
        sb.Append("--- format(x) ---\n").Append(Around(expected)).Append('\n');
        sb.Append("--- format(format(x)) ---\n").Append(Around(actual));
        return sb.ToString();
    }

    public static string Repeat(string s, int count) => new StringBuilder(s.Length * count).Insert(0, s, count).ToString();

    /// <summary>
    /// The example policies in examples/, by file name, and Robustness/extra-shapes.policy: the constructs the
    /// examples do not use (dated values, measures, every section, labels and exceptions, inline plans).
    /// </summary>
    public static IReadOnlyList<(string Name, string Text)> Examples { get; } =
        Directory.EnumerateFiles(Repo.Examples, "*.policy").OrderBy(f => f, StringComparer.Ordinal)
            .Append(Repo.Path("tests", "PolicyLang.Tests", "Robustness", "extra-shapes.policy"))
            .Select(f => (System.IO.Path.GetFileName(f), File.ReadAllText(f))).ToList();
}
