using PolicyLang.Cli.Output;
using PolicyLang.Diagnostics;
using PolicyLang.Text;

namespace PolicyLang.Cli;

/// <summary>Loads one or more policies for a verb that needs them bound without errors (build, validate, test).</summary>
public static class PolicyInput
{
    /// <summary>The compilations, or an exit code after printing why not: 2 for unreadable files, 1 for policy errors.</summary>
    public static (List<Compilation> Compilations, int? Exit) Load(IReadOnlyList<string> paths, Language language, TextWriter stderr, bool errorsAreBadInput) =>
        Load(paths, language, stderr, errorsAreBadInput, out _);

    /// <summary>As above, with the resolver of 'extends', which tells what the binding read beyond the files given.</summary>
    public static (List<Compilation> Compilations, int? Exit) Load(IReadOnlyList<string> paths, Language language, TextWriter stderr, bool errorsAreBadInput,
        out FileSystemPolicyResolver resolver)
    {
        var loaded = PolicyFiles.Load(paths);
        resolver = new FileSystemPolicyResolver(loaded.Where(l => l.Tree is not null).Select(l => l.Tree!));
        var compilations = new List<Compilation>();
        var diagnostics = new List<Diagnostic>();
        var unreadable = false;
        foreach (var file in loaded)
        {
            if (file.Tree is null)
            {
                diagnostics.Add(file.Problem!);
                unreadable |= file.Status == SourceReadStatus.Unreadable;
                continue;
            }
            var compilation = Compilation.Create(file.Tree, resolver);
            diagnostics.AddRange(compilation.Diagnostics.Where(d => d.IsError));
            compilations.Add(compilation);
        }
        if (diagnostics.Count == 0) return (compilations, null);
        DiagnosticWriter.WriteText(stderr, diagnostics, language);
        stderr.WriteLine(language == Language.Chinese ? "政策有错误，未编译。" : "The policy has errors and was not compiled.");
        return (compilations, unreadable || errorsAreBadInput ? 2 : 1);
    }

    public static DateTime? ParseDate(string? text, TextWriter stderr, out bool ok)
    {
        ok = true;
        if (string.IsNullOrEmpty(text)) return null;
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)) return d;
        stderr.WriteLine($"policyc: '--as-of {text}' is not a date YYYY-MM-DD");
        ok = false;
        return null;
    }
}
