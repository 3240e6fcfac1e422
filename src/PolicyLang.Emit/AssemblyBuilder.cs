using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace PolicyLang.Emit;

public sealed class BuildResult
{
    internal BuildResult(bool success, byte[] pe, byte[] pdb, ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> diagnostics)
    {
        Success = success;
        Pe = pe;
        Pdb = pdb;
        Diagnostics = diagnostics;
    }

    public bool Success { get; }
    public byte[] Pe { get; }
    public byte[] Pdb { get; }
    /// <summary>C# diagnostics. Any of them is a bug in the emitter: a policy that binds always compiles cleanly.</summary>
    public ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> Diagnostics { get; }
}

/// <summary>Compiles emitted policies with Roslyn against the .NET 10 reference assemblies and the runtime.</summary>
public static class AssemblyBuilder
{
    private static readonly CSharpParseOptions s_parse = new(LanguageVersion.Latest, DocumentationMode.Parse);

    /// <summary>
    /// The reference assemblies generated code can touch (it uses System, System.Collections.Generic and the runtime
    /// library), not all 168 of .NET 10: loading and binding fewer references is most of what a build saves. The
    /// emit tests compile every example with zero warnings against exactly this set.
    /// </summary>
    private static readonly Lazy<MetadataReference[]> s_references = new(() => new[]
    {
        Basic.Reference.Assemblies.Net100.References.SystemRuntime,
        Basic.Reference.Assemblies.Net100.References.SystemCollections,
        Basic.Reference.Assemblies.Net100.References.SystemLinq,
        Basic.Reference.Assemblies.Net100.References.SystemMemory,
        MetadataReference.CreateFromFile(typeof(SchoolPlan).Assembly.Location),
    });

    public static BuildResult Build(IReadOnlyList<EmittedPolicy> policies, string assemblyName, IEnumerable<(string Path, string Text)>? policySources = null)
    {
        var trees = policies.Select(p => CSharpSyntaxTree.ParseText(SourceText.From(p.Source, Encoding.UTF8), s_parse, path: p.HintName)).ToList();
        var references = s_references.Value;
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Release,
            nullableContextOptions: NullableContextOptions.Enable,
            deterministic: true,
            warningLevel: 9999,
            concurrentBuild: false);
        var compilation = CSharpCompilation.Create(assemblyName, trees, references, options);

        // The .policy texts travel inside the PDB, so a debugger shows the policy line a rule came from.
        var embedded = (policySources ?? Enumerable.Empty<(string, string)>())
            .Select(s => EmbeddedText.FromSource(s.Path.Replace('\\', '/'), SourceText.From(s.Text, Encoding.UTF8)))
            .ToList();
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var result = compilation.Emit(pe, pdb,
            embeddedTexts: embedded,
            options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb, pdbFilePath: assemblyName + ".pdb"));
        var diagnostics = result.Diagnostics.Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).ToImmutableArray();
        return new BuildResult(result.Success && diagnostics.IsEmpty, pe.ToArray(), pdb.ToArray(), diagnostics);
    }
}
