using PolicyLang.Cli.Output;
using PolicyLang.Diagnostics;
using PolicyLang.Text;

namespace PolicyLang.Cli.Commands;

/// <summary><c>policyc check FILE...</c>: parse and bind; exit 0 without errors, 1 with errors, 2 when a file cannot be read.</summary>
public static class CheckCommand
{
    public static int Run(IReadOnlyList<string> paths, string format, Language language, TextWriter stdout, Stream stdoutStream)
    {
        var loaded = PolicyFiles.Load(paths);
        var resolver = new FileSystemPolicyResolver(loaded.Where(l => l.Tree is not null).Select(l => l.Tree!));
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
            diagnostics.AddRange(Compilation.Create(file.Tree, resolver).Diagnostics);
        }

        switch (format)
        {
            case "json":
                stdout.Flush();
                DiagnosticWriter.WriteJson(stdoutStream, diagnostics, language);
                break;
            case "sarif":
                stdout.Flush();
                DiagnosticWriter.WriteSarif(stdoutStream, diagnostics, language);
                break;
            default:
                DiagnosticWriter.WriteText(stdout, diagnostics, language);
                var errors = diagnostics.Count(d => d.IsError);
                var warnings = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
                stdout.WriteLine(language == Language.Chinese
                    ? $"已检查 {loaded.Count} 个文件：{errors} 个错误，{warnings} 个警告。"
                    : $"Checked {loaded.Count} file{(loaded.Count == 1 ? string.Empty : "s")}: {errors} error{(errors == 1 ? string.Empty : "s")}, {warnings} warning{(warnings == 1 ? string.Empty : "s")}.");
                break;
        }
        if (unreadable) return 2;
        return diagnostics.Any(d => d.IsError) ? 1 : 0;
    }
}
