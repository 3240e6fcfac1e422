using PolicyLang.Diagnostics;
using PolicyLang.Syntax;
using PolicyLang.Text;

namespace PolicyLang.Tests.Golden;

/// <summary>
/// Golden files: each Golden/Diagnostics/NAME.policy sits beside NAME.expected, the diagnostics that
/// 'policyc check' prints for it (English, then Chinese). Regenerate with:
///   POLICYLANG_UPDATE_GOLDEN=1 dotnet test --filter GoldenDiagnostics
/// </summary>
public class GoldenDiagnosticsTests
{
    public static IEnumerable<object[]> Cases() =>
        Directory.EnumerateFiles(System.IO.Path.Combine(Repo.Golden, "Diagnostics"), "*.policy")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new object[] { System.IO.Path.GetFileName(f) });

    public static string Render(string fileName)
    {
        var path = System.IO.Path.Combine(Repo.Golden, "Diagnostics", fileName);
        var relative = "Golden/Diagnostics/" + fileName;
        IEnumerable<Diagnostic> diagnostics;
        var status = SourceFile.Read(path, out var text, out var problem);
        if (status != SourceReadStatus.Ok)
        {
            diagnostics = new[] { problem! };
        }
        else
        {
            var tree = SyntaxTree.Parse(SourceText.From(text!.Content, path));
            diagnostics = Compilation.Create(tree).Diagnostics;
        }
        var list = diagnostics.ToList();
        string Line(Diagnostic d, Language l) => d.ToString(l).Replace(path, relative);
        return string.Join("\n", list.Select(d => Line(d, Language.English)))
               + "\n--- zh ---\n"
               + string.Join("\n", list.Select(d => Line(d, Language.Chinese))) + "\n";
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnostics_match_the_expected_file(string fileName)
    {
        var actual = Render(fileName);
        var expectedPath = System.IO.Path.Combine(Repo.Golden, "Diagnostics", System.IO.Path.ChangeExtension(fileName, ".expected"));
        if (Repo.UpdateGolden)
        {
            File.WriteAllText(expectedPath, actual);
            return;
        }
        Assert.True(File.Exists(expectedPath), $"missing {expectedPath}; run with POLICYLANG_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(expectedPath).Replace("\r\n", "\n"), actual);
    }

    [Fact]
    public void Every_diagnostic_code_has_a_golden_file_that_produces_it()
    {
        var dir = System.IO.Path.Combine(Repo.Golden, "Diagnostics");
        var missing = new List<string>();
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            var files = Directory.EnumerateFiles(dir, descriptor.Code + "*.policy").ToList();
            if (files.Count == 0 || !files.Any(f => Render(System.IO.Path.GetFileName(f)).Contains(" " + descriptor.Code + ":", StringComparison.Ordinal)))
                missing.Add(descriptor.Code);
        }
        Assert.True(missing.Count == 0, "no golden file produces: " + string.Join(", ", missing));
    }
}
