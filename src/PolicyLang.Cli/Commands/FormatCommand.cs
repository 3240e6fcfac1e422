using PolicyLang.Diagnostics;
using PolicyLang.Syntax;
using PolicyLang.Syntax.Formatting;
using PolicyLang.Text;
using PolicyLang.Tooling;

namespace PolicyLang.Cli.Commands;

/// <summary>
/// <c>policyc fmt FILE... [--check] [--stdout]</c>: rewrites files in canonical form, atomically, and only after
/// re-parsing its own output to the same tokens and comments. A file with syntax errors is left alone.
/// </summary>
public static class FormatCommand
{
    public static int Run(IReadOnlyList<string> paths, bool check, bool toStdout, Language language, TextWriter stdout, TextWriter stderr)
    {
        var unreadable = false;
        var failed = false;
        foreach (var file in PolicyFiles.Load(paths))
        {
            if (file.Tree is null)
            {
                stderr.WriteLine(file.Problem!.ToString(language));
                unreadable |= file.Status == SourceReadStatus.Unreadable;
                failed = true;
                continue;
            }
            var tree = file.Tree;
            if (tree.HasErrors)
            {
                foreach (var d in tree.Diagnostics.Where(d => d.IsError)) stderr.WriteLine(d.ToString(language));
                stderr.WriteLine(language == Language.Chinese ? $"{file.Path}：存在语法错误，未格式化。" : $"{file.Path}: not formatted because it has syntax errors.");
                failed = true;
                continue;
            }

            var formatted = PolicyFormatter.Format(tree);
            var reparsed = SyntaxTree.Parse(formatted, file.Path);
            string? difference = null;
            if (reparsed.HasErrors || !PolicyFormatter.SameContent(tree, reparsed, out difference))
            {
                stderr.WriteLine(language == Language.Chinese
                    ? $"{file.Path}：格式化结果与原文不一致（{difference ?? "重新解析出错"}），未写入。这是 policyc 的缺陷，请报告。"
                    : $"{file.Path}: the formatted text would not mean the same ({difference ?? "it does not re-parse"}); not written. This is a policyc bug; please report it.");
                failed = true;
                continue;
            }

            var original = tree.Text.Content;
            var changed = !string.Equals(original, formatted, StringComparison.Ordinal);
            if (toStdout)
            {
                stdout.Write(formatted);
                continue;
            }
            if (check)
            {
                if (changed)
                {
                    stdout.WriteLine(language == Language.Chinese ? $"{file.Path}：需要格式化" : $"{file.Path}: needs formatting");
                    failed = true;
                }
                continue;
            }
            if (changed)
            {
                AtomicFile.WriteAllText(file.Path, formatted);
                stdout.WriteLine(language == Language.Chinese ? $"已格式化 {file.Path}" : $"formatted {file.Path}");
            }
        }
        if (unreadable) return 2;
        return failed ? 1 : 0;
    }
}
