using System.Diagnostics;
using PolicyLang.Binding;
using PolicyLang.Evaluation;
using PolicyLang.Simulation;
using PolicyLang.Simulation.Data;
using PolicyLang.Simulation.Engine;
using PolicyLang.Simulation.Model;
using PolicyLang.Simulation.Output;
using PolicyLang.Simulation.Scenarios;
using PolicyLang.Tooling;

namespace PolicyLang.Cli.Commands;

public sealed class SimulateArguments
{
    public string Policy { get; init; } = "";
    public string? Data { get; init; }
    public IReadOnlyList<string> Scenarios { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> Sets { get; init; } = Array.Empty<string>();
    public string? Sweep { get; init; }
    public string? Out { get; init; }
    public string? Report { get; init; }
    public string Format { get; init; } = "text";
    public string Engine { get; init; } = "compiled";
    public string? AsOf { get; init; }
    public int? Threads { get; init; }
    public bool Model { get; init; }
    /// <summary>Where runs remember what they learned of their policy (<see cref="Simulation.Scenarios.PreparedSimulations"/>); null for nowhere.</summary>
    public PreparedSimulations? PreparedSimulations { get; init; } = PreparedSimulations.Default;
}

/// <summary>
/// <c>policyc simulate POLICY --data DATA [--scenario NAME]… [--set PARAM=VALUE]… [--sweep PARAM=FROM..TO:STEP]
/// [--out FILE] [--report FILE.html] [--format json]</c>: the baseline and scenarios over district data, side by
/// side. Exit 0 when the simulation ran, 2 for bad input (policy, scenario, data or output path).
/// </summary>
public static class SimulateCommand
{
    private static readonly string[] s_outExtensions = { ".csv", ".json", ".parquet", ".duckdb", ".db" };

    public static int Run(SimulateArguments a, Language language, TextWriter stdout, TextWriter stderr, Func<Stream> rawStdout)
    {
        var zh = language == Language.Chinese;
        if (a.Model)
        {
            stdout.Write(Prelude.Text);
            return 0;
        }
        if (string.IsNullOrEmpty(a.Policy))
        {
            stderr.WriteLine(zh ? "policyc: simulate 需要一个政策文件" : "policyc: simulate needs a policy file");
            return 2;
        }
        if (string.IsNullOrEmpty(a.Data))
        {
            stderr.WriteLine(zh ? "policyc: simulate 需要 --data（CSV 文件夹、Parquet 文件夹或 DuckDB 数据库文件）" : "policyc: simulate needs --data (a folder of CSV files, a folder of Parquet files, or a DuckDB database file)");
            return 2;
        }
        if (!CheckOutputs(a, stderr, zh)) return 2;
        var asOf = PolicyInput.ParseDate(a.AsOf, stderr, out var dateOk);
        if (!dateOk) return 2;
        SimulationTrace.Write("simulate: start");
        var step = Stopwatch.StartNew();
        // The data starts loading at once: opening it, reading the schools and checking the cohorts need nothing of the
        // policy; what the measures read of the cohorts follows once the policy is bound (or its prepared simulation
        // found). Bad data is reported only for a good policy, as before.
        var loadOptions = new TaskCompletionSource<DistrictLoadOptions>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loading = Task.Run(() => DistrictDataLoader.Load(a.Data, loadOptions.Task));
        var date = asOf ?? DateTime.Today;

        // The same run as before, on unchanged policy files: what it learned of the policy, without parsing it again.
        var prepared = a.Engine == "interpreter" || !File.Exists(a.Policy) ? null : a.PreparedSimulations;
        var key = prepared is null ? null : PreparedSimulations.Key(a.Policy, KeyArguments(a, date));
        if (key is not null && prepared!.Find(key) is { } found)
        {
            loadOptions.TrySetResult(found.LoadOptions);
            SimulationTrace.Write($"cohorts: {found.LoadOptions}");
            if (CompiledPolicy.LoadCached(found.AssemblyPath, found.TypeName) is { } cached)
            {
                SimulationTrace.Step("find the prepared simulation and load its assembly", step);
                _ = CompiledEngine.Prepare(cached);
                var engine = new CompiledEngine(cached) { Threads = a.Threads };
                return Finish(a, date, language, stdout, stderr, rawStdout, loading, null, found.Title, found.SweepParameter, found.SweepUnit,
                    (data, options) => Simulator.Run(found.PolicyName, engine, data, found.Scenarios, options));
            }
        }

        var (compilations, exit) = PolicyInput.Load(new[] { a.Policy }, language, stderr, errorsAreBadInput: true, out var resolver);
        SimulationTrace.Step("parse and bind the policy", step);
        if (exit is { } code)
        {
            loadOptions.TrySetCanceled();
            return code;
        }
        var policy = compilations[0].Policy;

        var errors = new List<ScenarioError>();
        var scenarios = Scenarios(policy, a, date, errors, out var sweepParameter, out var sweepUnit);
        if (errors.Count > 0)
        {
            loadOptions.TrySetCanceled();
            foreach (var e in errors) stderr.WriteLine(e.ToString(language));
            return 2;
        }

        // The policy compiles (or its cached assembly loads) while the data loads: the two need nothing of each other.
        var compiled = a.Engine == "interpreter" ? null : Task.Run(() =>
        {
            var policyCompiled = CompiledPolicy.Compile(policy);
            _ = CompiledEngine.Prepare(policyCompiled);
            return policyCompiled;
        });
        // Only what the measures read of the cohorts: summed per school and category when that changes no measure.
        var cohorts = DistrictLoadOptions.For(CohortUse.Of(policy));
        SimulationTrace.Write($"cohorts: {cohorts}");
        loadOptions.TrySetResult(cohorts);
        var result = Finish(a, date, language, stdout, stderr, rawStdout, loading, compiled, policy.Symbol.Title, sweepParameter, sweepUnit,
            (data, options) => Simulator.Run(policy, data, scenarios, options));
        if (result == 0 && key is not null && compiled is not null)
            prepared!.Remember(key, compilations[0], resolver, compiled.Result, cohorts, scenarios, sweepParameter, sweepUnit);
        return result;
    }

    /// <summary>
    /// What, beside the policy's files, shapes what a run learns of its policy: the date its parameters take their values
    /// on, the scenarios asked for, and this command's build (which turns them into scenarios).
    /// </summary>
    private static IEnumerable<string> KeyArguments(SimulateArguments a, DateTime date)
    {
        yield return "policyc " + typeof(SimulateCommand).Assembly.ManifestModule.ModuleVersionId.ToString("N");
        yield return "--as-of " + date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var s in a.Scenarios) yield return "--scenario " + s;
        foreach (var s in a.Sets) yield return "--set " + s;
        if (a.Sweep is not null) yield return "--sweep " + a.Sweep;
    }

    /// <summary>Waits for the data, simulates, and writes the outputs: 0, or 2 for bad data.</summary>
    private static int Finish(SimulateArguments a, DateTime date, Language language, TextWriter stdout, TextWriter stderr, Func<Stream> rawStdout,
        Task<DistrictData> loading, Task<CompiledPolicy>? compiled, string? title, string? sweepParameter, string? sweepUnit,
        Func<DistrictData, SimulationOptions, SimulationResult> simulate)
    {
        var zh = language == Language.Chinese;
        var step = Stopwatch.StartNew();
        DistrictData data;
        try
        {
            data = loading.GetAwaiter().GetResult();
        }
        catch (DataException e)
        {
            foreach (var error in e.Errors) stderr.WriteLine(error.ToString(language));
            stderr.WriteLine(zh ? $"区县数据有 {e.Errors.Count} 处问题，未进行模拟。" : $"The district data has {e.Errors.Count} problem{(e.Errors.Count == 1 ? "" : "s")}; nothing was simulated.");
            return 2;
        }
        SimulationTrace.Step("load the district data", step);

        var clock = Stopwatch.StartNew();
        using var progress = a.Format == "text" && !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error) ? new ProgressBar(stderr) : null;
        var result = simulate(data, new SimulationOptions
        {
            Engine = a.Engine == "interpreter" ? SimulationEngineKind.Interpreter : SimulationEngineKind.Compiled,
            AsOf = date,
            Progress = progress,
            Threads = a.Threads,
            Compiled = compiled,
            // Every measure of every school for the outputs that write them; the terminal report alone reads a few.
            PerSchool = a.Out is not null || a.Report is not null || a.Format == "json",
        });
        progress?.Done();
        step.Restart();
        result = new SimulationResult(result.Policy, result.Data, result.Baseline, result.Scenarios) { SweepParameter = sweepParameter, SweepUnit = sweepUnit };

        if (a.Out is not null) ResultWriter.Write(result, a.Out);
        if (a.Report is not null) HtmlReport.Write(result, a.Report, language);
        if (a.Out is not null || a.Report is not null) SimulationTrace.Step("write --out and --report", step);

        if (a.Format == "json")
        {
            using var stream = rawStdout();
            ResultWriter.WriteJson(result, stream);
            SimulationTrace.Step("write the JSON", step);
            return 0;
        }
        TerminalReport.Write(result, stdout, language, title);
        SimulationTrace.Step("terminal report", step);
        stdout.WriteLine();
        var engine = a.Engine == "interpreter" ? (zh ? "解释器" : "interpreter") : (zh ? "编译" : "compiled");
        stdout.WriteLine(zh
            ? $"用时 {clock.Elapsed.TotalSeconds:0.00} 秒（{engine}引擎）。"
            : $"Simulated in {clock.Elapsed.TotalSeconds:0.00} s ({engine} engine).");
        if (a.Out is not null) stdout.WriteLine(zh ? $"各校结果已写入 {a.Out}" : $"Per-school results written to {a.Out}");
        if (a.Report is not null) stdout.WriteLine(zh ? $"报告已写入 {a.Report}" : $"Report written to {a.Report}");
        return 0;
    }

    /// <summary>Output paths are checked before anything runs: a known form and a folder that exists.</summary>
    private static bool CheckOutputs(SimulateArguments a, TextWriter stderr, bool zh)
    {
        bool Folder(string option, string path)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is null || Directory.Exists(folder)) return true;
            try
            {
                Directory.CreateDirectory(folder);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine(zh ? $"policyc: {option} {path}：无法创建文件夹 {folder}（{e.Message}）" : $"policyc: {option} {path}: cannot create the folder {folder} ({e.Message})");
                return false;
            }
        }
        if (a.Out is { } output)
        {
            if (!s_outExtensions.Contains(Path.GetExtension(output).ToLowerInvariant()))
            {
                stderr.WriteLine(zh ? $"policyc: --out {output}：结果文件的扩展名应为 .csv、.json、.parquet 或 .duckdb" : $"policyc: --out {output}: write results to a .csv, .json, .parquet or .duckdb file");
                return false;
            }
            if (Directory.Exists(output))
            {
                stderr.WriteLine(zh ? $"policyc: --out {output} 是文件夹" : $"policyc: --out {output} is a folder");
                return false;
            }
            if (!Folder("--out", output)) return false;
        }
        if (a.Report is { } report)
        {
            if (!string.Equals(Path.GetExtension(report), ".html", StringComparison.OrdinalIgnoreCase) && !string.Equals(Path.GetExtension(report), ".htm", StringComparison.OrdinalIgnoreCase))
            {
                stderr.WriteLine(zh ? $"policyc: --report {report}：报告文件的扩展名应为 .html" : $"policyc: --report {report}: the report is an .html file");
                return false;
            }
            if (!Folder("--report", report)) return false;
        }
        return true;
    }

    /// <summary>
    /// The scenarios to run: those named by --scenario, one made of the --set values, those of a --sweep; all of
    /// the policy's own scenarios when none of these is given.
    /// </summary>
    private static List<SimulationScenario> Scenarios(BoundPolicy policy, SimulateArguments a, DateTime date, List<ScenarioError> errors, out string? sweepParameter, out string? sweepUnit)
    {
        sweepParameter = null;
        sweepUnit = null;
        var result = new List<SimulationScenario>();
        var named = a.Scenarios.Count == 0 && a.Sets.Count == 0 && a.Sweep is null
            ? policy.Scenarios.Select(s => s.Name).ToList()
            : a.Scenarios.SelectMany(s => s.Split(',')).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        foreach (var name in named.Distinct(StringComparer.Ordinal))
        {
            var scenario = policy.Scenarios.FirstOrDefault(s => s.Name == name);
            if (scenario is null)
            {
                var known = policy.Scenarios.Select(s => s.Name).ToList();
                var suggestion = Runtime.Spelling.Suggest(name, known);
                var list = known.Count == 0 ? ("the policy has no scenarios; use --set or --sweep", "该政策没有情景；请使用 --set 或 --sweep")
                    : ($"its scenarios are {string.Join(", ", known)}", $"其情景为 {string.Join("、", known)}");
                errors.Add(new ScenarioError("--scenario " + name, null, new Diagnostics.LocalizedText(
                    $"the policy has no scenario '{name}'{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")} ({list.Item1})",
                    $"政策中没有情景“{name}”{(suggestion is null ? "" : $"；是否应为“{suggestion}”？")}（{list.Item2}）")));
                continue;
            }
            result.Add(SimulationScenario.From(policy, scenario, date));
        }
        if (a.Sets.Count > 0)
        {
            var name = "custom";
            for (var n = 2; policy.Scenarios.Any(s => s.Name == name); n++) name = "custom_" + n;
            if (CommandLineScenarios.FromSets(policy, a.Sets, date, errors, name) is { } custom) result.Add(custom);
        }
        if (a.Sweep is not null)
            result.AddRange(CommandLineScenarios.FromSweep(policy, a.Sweep, date, errors, out sweepParameter, out sweepUnit));
        return result;
    }

    /// <summary>A progress bar on the terminal's error stream, drawn only when a run takes long enough to need one.</summary>
    private sealed class ProgressBar : IProgress<double>, IDisposable
    {
        private readonly TextWriter _w;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly object _lock = new();
        private int _shown = -1;
        private bool _drawn;

        public ProgressBar(TextWriter w) => _w = w;

        public void Report(double value)
        {
            if (_clock.ElapsedMilliseconds < 300) return;
            var percent = (int)Math.Round(Math.Clamp(value, 0, 1) * 100);
            lock (_lock)
            {
                if (percent == _shown) return;
                _shown = percent;
                _drawn = true;
                var filled = percent * 30 / 100;
                _w.Write($"\r[{new string('#', filled)}{new string('.', 30 - filled)}] {percent,3}%");
                _w.Flush();
            }
        }

        public void Done()
        {
            lock (_lock)
            {
                if (_drawn) _w.Write("\r" + new string(' ', 40) + "\r");
                _drawn = false;
            }
        }

        public void Dispose() => Done();
    }
}
