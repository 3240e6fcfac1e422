using PolicyLang.Emit;
using PolicyLang.Tooling;

namespace PolicyLang.Cli.Commands;

/// <summary><c>policyc build FILE -o OUT.dll [--emit-cs DIR]</c>: a policy (and the policies it extends) to an assembly.</summary>
public static class BuildCommand
{
    public static int Run(string path, string output, string? emitCs, Language language, TextWriter stdout, TextWriter stderr)
    {
        var (compilations, exit) = PolicyInput.Load(new[] { path }, language, stderr, errorsAreBadInput: false);
        if (exit is { } code) return code;
        if (compilations.Count != 1)
        {
            stderr.WriteLine("policyc: build takes one policy file");
            return 2;
        }
        var policy = compilations[0].Policy;
        var emitted = PolicyEmitter.Emit(policy, new PolicyEmitOptions { LinePath = path });
        var assemblyName = Path.GetFileNameWithoutExtension(output);
        var sources = new List<(string, string)>();
        for (var c = compilations[0]; c is not null; c = c.Parent)
            sources.Add((c.Tree.Path, c.Tree.Text.Content));
        var result = AssemblyBuilder.Build(new[] { emitted }, assemblyName, sources);
        if (!result.Success)
        {
            stderr.WriteLine("policyc: internal error: the generated C# does not compile; this is a policyc bug. Please report it with the policy.");
            foreach (var d in result.Diagnostics.Take(20)) stderr.WriteLine("  " + d);
            return 2;
        }
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(output));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            if (emitCs is not null)
            {
                Directory.CreateDirectory(emitCs);
                AtomicFile.WriteAllText(Path.Combine(emitCs, emitted.HintName), emitted.Source);
            }
            AtomicFile.WriteAllBytes(output, result.Pe);
            AtomicFile.WriteAllBytes(Path.ChangeExtension(output, ".pdb"), result.Pdb);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"policyc: cannot write '{output}': {e.Message}");
            return 2;
        }
        stdout.WriteLine(language == Language.Chinese
            ? $"已编译 {policy.Symbol.Name} → {output}（类 {emitted.FullName}，{policy.Rules.Length} 条规则）"
            : $"Built {policy.Symbol.Name} → {output} (class {emitted.FullName}, {policy.Rules.Length} rules)");
        return 0;
    }
}
