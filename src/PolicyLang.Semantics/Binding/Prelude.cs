using System.Collections.Immutable;
using PolicyLang.Syntax;

namespace PolicyLang.Binding;

/// <summary>
/// The standard simulation model (design/data.md) as PolicyLang measures, shipped inside the compiler and
/// loaded by every policy. A policy redefines a measure by declaring one of the same name and type.
/// </summary>
public static class Prelude
{
    /// <summary>The path diagnostics and editors show for the prelude.</summary>
    public const string Path = "prelude/standard-model.policy";

    private static readonly Lazy<SyntaxTree> s_tree = new(Load);

    /// <summary>The prelude's syntax tree (parsed once).</summary>
    public static SyntaxTree Tree => s_tree.Value;

    /// <summary>The prelude's text, as a policy author can read it.</summary>
    public static string Text => Tree.Text.ToString();

    /// <summary>The measures of the standard model, in the prelude's order.</summary>
    public static ImmutableArray<MeasureDeclarationSyntax> Measures => Tree.Root.Members.OfType<MeasureDeclarationSyntax>().ToImmutableArray();

    /// <summary>Names of the standard model's measures.</summary>
    public static ImmutableHashSet<string> Names { get; } = ImmutableHashSet.CreateRange(StringComparer.Ordinal, Measures.Select(m => m.Name.Text));

    private static SyntaxTree Load()
    {
        using var stream = typeof(Prelude).Assembly.GetManifestResourceStream("PolicyLang.Prelude.standard-model.policy")
                           ?? throw new InvalidOperationException("the standard model is missing from the compiler");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return SyntaxTree.Parse(reader.ReadToEnd(), Path);
    }
}
