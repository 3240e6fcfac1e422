using PolicyLang.Binding;
using PolicyLang.Evaluation;
using PolicyLang.Syntax;
using PolicyLang.Syntax.Formatting;
using PolicyLang.Text;

namespace PolicyLang.Tests.Examples;

public class ExamplesTests
{
    public static IEnumerable<object[]> Policies() =>
        Directory.EnumerateFiles(Repo.Examples, "*.policy", SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new object[] { System.IO.Path.GetRelativePath(Repo.Examples, f) });

    private static SyntaxTree Load(string relative)
    {
        var path = System.IO.Path.Combine(Repo.Examples, relative);
        Assert.True(SourceFile.TryRead(path, out var text, out var problem), problem?.ToString());
        return SyntaxTree.Parse(text!);
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Every_example_checks_clean(string relative)
    {
        var compilation = Compilation.Create(Load(relative));
        Assert.True(compilation.Diagnostics.IsEmpty, TestHelpers.Render(compilation.Diagnostics));
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Every_example_survives_fmt_unchanged(string relative)
    {
        var tree = Load(relative);
        Assert.Equal(tree.Text.Content.Replace("\r\n", "\n"), PolicyFormatter.Format(tree));
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Every_rule_in_the_examples_cites_its_clause(string relative)
    {
        var compilation = Compilation.Create(Load(relative));
        Assert.All(compilation.Policy.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Citation?.Clause), $"{r.Id} has no citation"));
    }

    [Fact]
    public void The_district_examples_of_each_seed_exist_with_plans()
    {
        foreach (var name in new[] { "zaozhuang-shizhong-2019", "tianjin-2021", "liuzhou-2022", "jinshan-2021" })
        {
            Assert.True(File.Exists(System.IO.Path.Combine(Repo.Examples, name + ".policy")), name);
            var prefix = name.Split('-')[0];
            Assert.True(File.Exists(System.IO.Path.Combine(Repo.Examples, "plans", prefix + "-compliant.json")), prefix);
            Assert.True(File.Exists(System.IO.Path.Combine(Repo.Examples, "plans", prefix + "-noncompliant.json")), prefix);
        }
        Assert.True(Directory.EnumerateFiles(System.IO.Path.Combine(Repo.Examples, "practices"), "*.policy").Count() >= 5);
    }

    [Fact]
    public void The_Chinese_keyword_twin_binds_to_the_same_model_as_the_English_original()
    {
        var english = Compilation.Create(Load("jinshan-2021.policy")).Policy;
        var chinese = Compilation.Create(Load("jinshan-2021-zh.policy")).Policy;
        // Every keyword is written in Chinese (names such as rule ids in 'window.end' are not keywords).
        var names = chinese.Tree.Root.DescendantNodesAndSelf().OfType<QualifiedNameSyntax>().SelectMany(q => q.Parts).Select(p => p.Span).ToHashSet();
        Assert.DoesNotContain(chinese.Tree.Tokens, t => SyntaxFacts.IsKeyword(t.Kind) && !SyntaxFacts.IsChinese(t.Text) && !names.Contains(t.Span));
        Assert.Equal(Fingerprint(english), Fingerprint(chinese));
    }

    /// <summary>The policy's meaning, without its name: header, parameters with values, rules with citations and checks.</summary>
    internal static string Fingerprint(BoundPolicy policy)
    {
        var lines = new List<string>
        {
            $"title={policy.Symbol.Title} issuer={policy.Symbol.Issuer} document={policy.Symbol.Document} level={policy.Symbol.Level?.Name}",
            $"effective={policy.Symbol.Effective:yyyy-MM-dd} until={policy.Symbol.Until:yyyy-MM-dd} applies={BoundTreePrinter.Print(policy.Symbol.Applies)}",
            $"free={policy.Free}",
        };
        foreach (var p in policy.Parameters.OrderBy(p => p.Name, StringComparer.Ordinal))
            lines.Add($"param {p.Name}: {p.Type} = {string.Join(" | ", p.Values.Select(v => $"{v.From:yyyy-MM-dd} {BoundTreePrinter.Print(v.Value)}"))}");
        foreach (var r in policy.Rules)
            lines.Add($"rule {r.Id} § {r.Citation?.Clause} {r.Symbol.Severity} when={BoundTreePrinter.Print(r.Condition)} for={BoundTreePrinter.Print(r.Source)} where={BoundTreePrinter.Print(r.Filter)} check={BoundTreePrinter.Print(r.Check)}");
        foreach (var s in policy.Scenarios)
            lines.Add($"scenario {s.Name} {s.Label} {string.Join(",", s.Sets.Select(x => x.Parameter.Name + "=" + BoundTreePrinter.Print(x.Value)))}");
        foreach (var t in policy.Tests)
            lines.Add($"test plan={System.IO.Path.GetFileName(t.PlanFile)} compliant={t.ExpectCompliant} violations={string.Join(",", t.ExpectedViolations)}");
        return string.Join("\n", lines);
    }
}
