using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using PolicyLang.Emit;

namespace PolicyLang.Generators;

/// <summary>
/// Turns every .policy file among a project's AdditionalFiles into a typed policy class (the same code as
/// 'policyc build'). Policy diagnostics become build diagnostics at the policy's file, line and column; a
/// policy with errors gets no class.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class PolicyGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var policies = context.AdditionalTextsProvider
            .Where(f => f.Path.EndsWith(".policy", StringComparison.OrdinalIgnoreCase))
            .Select((f, ct) => new PolicyFile(f.Path, f.GetText(ct)?.ToString()))
            .Collect();
        var @namespace = context.AnalyzerConfigOptionsProvider.Select((o, _) =>
            o.GlobalOptions.TryGetValue("build_property.PolicyLangNamespace", out var ns) && !string.IsNullOrWhiteSpace(ns) ? ns : "PolicyLang.Policies");
        context.RegisterSourceOutput(policies.Combine(@namespace), static (spc, input) => Generate(spc, input.Left, input.Right));
    }

    private static void Generate(SourceProductionContext context, ImmutableArray<PolicyFile> files, string @namespace)
    {
        var trees = new List<Syntax.SyntaxTree>();
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (file.Text is null)
            {
                context.ReportDiagnostic(Microsoft.CodeAnalysis.Diagnostic.Create(CannotRead, Microsoft.CodeAnalysis.Location.None, file.Path));
                continue;
            }
            trees.Add(Syntax.SyntaxTree.Parse(PolicyLang.Text.SourceText.From(file.Text, file.Path)));
        }
        var resolver = new InMemoryPolicyResolver(trees);
        var options = new BindOptions { CheckTestFiles = false };
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var compilation = PolicyLang.Compilation.Create(tree, resolver, options);
            foreach (var d in compilation.Diagnostics) context.ReportDiagnostic(ToRoslyn(d));
            if (compilation.HasErrors) continue;
            var emitted = PolicyEmitter.Emit(compilation.Policy, new PolicyEmitOptions { Namespace = @namespace, LinePath = tree.Path });
            if (!names.Add(emitted.HintName)) continue;
            context.AddSource(emitted.HintName, SourceText.From(emitted.Source, Encoding.UTF8));
        }
    }

    private static readonly DiagnosticDescriptor CannotRead = new("PL0017", "cannot-read-file", "cannot read '{0}'", "PolicyLang", DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static readonly Dictionary<string, DiagnosticDescriptor> s_descriptors = new(StringComparer.Ordinal);

    private static Microsoft.CodeAnalysis.Diagnostic ToRoslyn(Diagnostics.Diagnostic d)
    {
        DiagnosticDescriptor descriptor;
        lock (s_descriptors)
        {
            if (!s_descriptors.TryGetValue(d.Code + d.Severity, out descriptor!))
            {
                var severity = d.Severity switch
                {
                    Diagnostics.DiagnosticSeverity.Error => DiagnosticSeverity.Error,
                    Diagnostics.DiagnosticSeverity.Warning => DiagnosticSeverity.Warning,
                    _ => DiagnosticSeverity.Info,
                };
                descriptor = new DiagnosticDescriptor(d.Code, d.Descriptor.Title, "{0}", "PolicyLang", severity, isEnabledByDefault: true, helpLinkUri: d.Descriptor.HelpLink);
                s_descriptors[d.Code + d.Severity] = descriptor;
            }
        }
        var start = d.Location.Start;
        var end = d.Location.End;
        var location = Microsoft.CodeAnalysis.Location.Create(
            d.Location.Path,
            new TextSpan(d.Location.Span.Start, d.Location.Span.Length),
            new LinePositionSpan(new LinePosition(start.Line, start.Character), new LinePosition(end.Line, end.Character)));
        return Microsoft.CodeAnalysis.Diagnostic.Create(descriptor, location, d.GetMessage(Language.English));
    }

    private sealed class PolicyFile : IEquatable<PolicyFile>
    {
        public PolicyFile(string path, string? text)
        {
            Path = path;
            Text = text;
        }

        public string Path { get; }
        public string? Text { get; }
        public bool Equals(PolicyFile? other) => other is not null && other.Path == Path && other.Text == Text;
        public override bool Equals(object? obj) => Equals(obj as PolicyFile);
        public override int GetHashCode() => Path.GetHashCode() ^ (Text?.GetHashCode() ?? 0);
    }
}
