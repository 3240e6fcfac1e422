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

        return root;
    }
}
