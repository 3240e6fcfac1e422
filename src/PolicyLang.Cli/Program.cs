using System.CommandLine;
using System.Text;
using PolicyLang.Cli.Commands;
using PolicyLang.Diagnostics;

namespace PolicyLang.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(false);
        return Run(args, Console.Out, Console.Error, Console.OpenStandardOutput);
    }

    /// <summary>Runs policyc with the given output streams (tests call this in process).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<Stream> rawStdout)
    {
        var root = BuildCommands(stdout, stderr, rawStdout);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"policyc: {error.Message}");
            stderr.WriteLine("Run 'policyc --help' for usage.");
            return 2;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stderr.WriteLine($"policyc: internal error: {e.Message}");
            if (Environment.GetEnvironmentVariable("POLICYC_DEBUG") == "1") stderr.WriteLine(e);
            return 2;
        }
    }

    private static Language ParseLanguage(string? value)
    {
        value ??= Environment.GetEnvironmentVariable("POLICYC_LANG");
        return value is not null && (value.StartsWith("zh", StringComparison.OrdinalIgnoreCase) || value == "中文") ? Runtime.Language.Chinese : Runtime.Language.English;
    }

    private static RootCommand BuildCommands(TextWriter stdout, TextWriter stderr, Func<Stream> rawStdout)
    {
        var lang = new Option<string?>("--lang")
        {
            Description = "Language of messages: en or zh (default: en, or POLICYC_LANG)",
            Recursive = true,
        };
        lang.AcceptOnlyFromAmong("en", "zh", "zh-CN", "en-US");

        var root = new RootCommand("policyc: the PolicyLang compiler. Check, format, build, validate, test and simulate after-school service policies.");
        root.Options.Add(lang);

        // check
        var checkFiles = new Argument<string[]>("files") { Description = "Policy files or folders", Arity = ArgumentArity.OneOrMore };
        var checkFormat = new Option<string>("--format") { Description = "Output: text, json or sarif", DefaultValueFactory = _ => "text" };
        checkFormat.AcceptOnlyFromAmong("text", "json", "sarif");
        var check = new Command("check", "Parse and type-check policies; report located, bilingual diagnostics.") { checkFiles, checkFormat };
        check.SetAction(p =>
        {
            using var raw = rawStdout();
            return CheckCommand.Run(p.GetValue(checkFiles)!, p.GetValue(checkFormat)!, ParseLanguage(p.GetValue(lang)), stdout, raw);
        });
        root.Subcommands.Add(check);

        // fmt
        var fmtFiles = new Argument<string[]>("files") { Description = "Policy files or folders", Arity = ArgumentArity.OneOrMore };
        var fmtCheck = new Option<bool>("--check") { Description = "Do not write; exit 1 if a file is not formatted or has errors" };
        var fmtStdout = new Option<bool>("--stdout") { Description = "Print the formatted text instead of writing files" };
        var fmt = new Command("fmt", "Rewrite policies in canonical form (atomically; comments kept).") { fmtFiles, fmtCheck, fmtStdout };
        fmt.SetAction(p => FormatCommand.Run(p.GetValue(fmtFiles)!, p.GetValue(fmtCheck), p.GetValue(fmtStdout), ParseLanguage(p.GetValue(lang)), stdout, stderr));
        root.Subcommands.Add(fmt);

        // build
        var buildFile = new Argument<string>("file") { Description = "The policy to compile" };
        var buildOut = new Option<string>("--output", "-o") { Description = "The assembly to write (a .pdb is written beside it)", Required = true };
        var buildEmitCs = new Option<string?>("--emit-cs") { Description = "Also write the generated C# into this folder" };
        var build = new Command("build", "Compile a policy through Roslyn into a .NET assembly with a typed validator.") { buildFile, buildOut, buildEmitCs };
        build.SetAction(p => BuildCommand.Run(p.GetValue(buildFile)!, p.GetValue(buildOut)!, p.GetValue(buildEmitCs), ParseLanguage(p.GetValue(lang)), stdout, stderr));
        root.Subcommands.Add(build);

        // validate
        var validatePolicy = new Argument<string>("policy") { Description = "The policy" };
        var validatePlans = new Argument<string[]>("plans") { Description = "School plans (JSON)", Arity = ArgumentArity.OneOrMore };
        var validateFormat = new Option<string>("--format") { Description = "Output: text or json", DefaultValueFactory = _ => "text" };
        validateFormat.AcceptOnlyFromAmong("text", "json");
        var validateExplain = new Option<bool>("--explain") { Description = "For each rule, show the values it looked at and why it held or failed" };
        Option<string> Engine()
        {
            var option = new Option<string>("--engine") { Description = "compiled (default) or interpreter", DefaultValueFactory = _ => "compiled" };
            option.AcceptOnlyFromAmong("compiled", "interpreter");
            return option;
        }
        var engine = Engine();
        var asOf = new Option<string?>("--as-of") { Description = "Use parameter values in force on this date (YYYY-MM-DD; default today)" };
        var validate = new Command("validate", "Check school plans against a policy; violations cite their clause.") { validatePolicy, validatePlans, validateFormat, validateExplain, engine, asOf };
        validate.SetAction(p => ValidateCommand.Run(p.GetValue(validatePolicy)!, p.GetValue(validatePlans)!, p.GetValue(validateFormat)!, p.GetValue(validateExplain),
            p.GetValue(engine)!, p.GetValue(asOf), ParseLanguage(p.GetValue(lang)), stdout, stderr, rawStdout));
        root.Subcommands.Add(validate);

        // test
        var testFiles = new Argument<string[]>("files") { Description = "Policy files or folders", Arity = ArgumentArity.OneOrMore };
        var testFormat = new Option<string>("--format") { Description = "Output: text or json", DefaultValueFactory = _ => "text" };
        testFormat.AcceptOnlyFromAmong("text", "json");
        var testEngine = Engine();
        var test = new Command("test", "Run the test blocks inside policies.") { testFiles, testFormat, testEngine };
        test.SetAction(p => TestCommand.Run(p.GetValue(testFiles)!, p.GetValue(testFormat)!, p.GetValue(testEngine)!, ParseLanguage(p.GetValue(lang)), stdout, stderr, rawStdout));
        root.Subcommands.Add(test);

        // datagen
        var datagenSchools = new Option<int>("--schools") { Description = "How many schools to make", Required = true };
        var datagenSeed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same data", Required = true };
        var datagenOut = new Option<string>("--out") { Description = "A folder (CSV or Parquet files) or a DuckDB file (*.duckdb)", Required = true };
        var datagenFormat = new Option<string?>("--format") { Description = "For a folder: csv (default) or parquet" };
        datagenFormat.AcceptOnlyFromAmong("csv", "parquet");
        var datagenProfile = new Option<string>("--profile") { Description = "Shape of the data: national (default), zaozhuang, tianjin, liuzhou or jinshan", DefaultValueFactory = _ => "national" };
        var datagen = new Command("datagen", "Generate synthetic district data (schools and cohorts) for simulation.")
            { datagenSchools, datagenSeed, datagenOut, datagenFormat, datagenProfile };
        datagen.SetAction(p => DatagenCommand.Run(p.GetValue(datagenSchools), p.GetValue(datagenSeed), p.GetValue(datagenOut)!, p.GetValue(datagenFormat),
            p.GetValue(datagenProfile)!, ParseLanguage(p.GetValue(lang)), stdout, stderr));
        root.Subcommands.Add(datagen);

        // simulate
        var simPolicy = new Argument<string?>("policy") { Description = "The policy", Arity = ArgumentArity.ZeroOrOne };
        var simData = new Option<string?>("--data") { Description = "District data: a folder of CSV files (schools.csv, cohorts.csv), a folder of Parquet files, or a DuckDB database file" };
        var simScenario = new Option<string[]>("--scenario") { Description = "A scenario of the policy to run (several allowed; default: all of them)", AllowMultipleArgumentsPerToken = false };
        var simSet = new Option<string[]>("--set") { Description = "PARAM=VALUE: an ad-hoc scenario (several --set make one); a bare number takes the parameter's unit, e.g. fee.cap=150" };
        var simSweep = new Option<string?>("--sweep") { Description = "PARAM=FROM..TO:STEP: one scenario per value, e.g. fee.cap=100..200:10" };
        var simOut = new Option<string?>("--out") { Description = "Write per-school results to FILE (.csv, .json, .parquet or .duckdb), atomically" };
        var simReport = new Option<string?>("--report") { Description = "Write a self-contained HTML report with charts to FILE.html" };
        var simFormat = new Option<string>("--format") { Description = "Output: text or json", DefaultValueFactory = _ => "text" };
        simFormat.AcceptOnlyFromAmong("text", "json");
        var simEngine = Engine();
        var simAsOf = new Option<string?>("--as-of") { Description = "Use parameter values in force on this date (YYYY-MM-DD; default today)" };
        var simThreads = new Option<int?>("--threads") { Description = "Threads for the compiled engine (default: all cores)" };
        var simModel = new Option<bool>("--model") { Description = "Print the standard simulation model (the prelude every policy loads) and exit" };
        var simulate = new Command("simulate", "Simulate the baseline and scenarios over district data: totals side by side, who gains and who loses.")
        {
            simPolicy, simData, simScenario, simSet, simSweep, simOut, simReport, simFormat, simEngine, simAsOf, simThreads, simModel,
        };
        simulate.SetAction(p => SimulateCommand.Run(new SimulateArguments
        {
            Policy = p.GetValue(simPolicy) ?? string.Empty,
            Data = p.GetValue(simData),
            Scenarios = p.GetValue(simScenario) ?? Array.Empty<string>(),
            Sets = p.GetValue(simSet) ?? Array.Empty<string>(),
            Sweep = p.GetValue(simSweep),
            Out = p.GetValue(simOut),
            Report = p.GetValue(simReport),
            Format = p.GetValue(simFormat)!,
            Engine = p.GetValue(simEngine)!,
            AsOf = p.GetValue(simAsOf),
            Threads = p.GetValue(simThreads),
            Model = p.GetValue(simModel),
        }, ParseLanguage(p.GetValue(lang)), stdout, stderr, rawStdout));
        root.Subcommands.Add(simulate);

        // lsp
        var lspStdio = new Option<bool>("--stdio") { Description = "Talk over standard input and output (the default and only transport)" };
        var lsp = new Command("lsp", "Run the language server over stdin/stdout (for VS Code and other LSP clients); logs go to stderr.") { lspStdio };
        // Clients add their own flags (--clientProcessId=N and the like): accepted and ignored.
        lsp.TreatUnmatchedTokensAsErrors = false;
        lsp.SetAction(_ => LspCommand.Run(stderr, rawStdout));
        root.Subcommands.Add(lsp);

        return root;
    }
}
