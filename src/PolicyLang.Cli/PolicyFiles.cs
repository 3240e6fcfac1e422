using PolicyLang.Diagnostics;
using PolicyLang.Syntax;
using PolicyLang.Text;

namespace PolicyLang.Cli;

/// <summary>A policy file as the CLI loaded it: a tree, or the diagnostic that explains why there is none.</summary>
public sealed class LoadedPolicy
{
    public LoadedPolicy(string path, SyntaxTree? tree, Diagnostic? problem, SourceReadStatus status)
    {
        Path = path;
        Tree = tree;
        Problem = problem;
        Status = status;
    }

    public string Path { get; }
    public SyntaxTree? Tree { get; }
    public Diagnostic? Problem { get; }
    public SourceReadStatus Status { get; }
}

public static class PolicyFiles
{
    /// <summary>Reads and parses each file. Folders expand to the .policy files they hold.</summary>
    public static List<LoadedPolicy> Load(IEnumerable<string> paths)
    {
        var result = new List<LoadedPolicy>();
        foreach (var path in Expand(paths))
        {
            var status = SourceFile.Read(path, out var text, out var problem);
            result.Add(status == SourceReadStatus.Ok
                ? new LoadedPolicy(path, SyntaxTree.Parse(text!), null, status)
                : new LoadedPolicy(path, null, problem, status));
        }
        return result;
    }

    public static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*.policy", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
                    yield return file;
            }
            else
            {
                yield return path;
            }
        }
    }
}
