using PolicyLang.Diagnostics;
using PolicyLang.Syntax;
using PolicyLang.Tests.Files;
using PolicyLang.Text;

namespace PolicyLang.Tests.Golden;

/// <summary>
/// Golden files: each Golden/Diagnostics/NAME.policy sits beside NAME.expected, the diagnostics that
/// 'policyc check' prints for it (English, then Chinese). Regenerate with:
///   POLICYLANG_UPDATE_GOLDEN=1 dotnet test --filter GoldenDiagnostics
/// Files whose name starts with '_' are helpers, not cases: the parent policies that cases 'extends'
/// (a parent is looked up in the folder of the file that extends it, so helpers live beside the cases).
/// </summary>
public class GoldenDiagnosticsTests
{
    private static string Folder => System.IO.Path.Combine(Repo.Golden, "Diagnostics");

    /// <summary>Codes no golden file can show, each covered instead by the named unit tests.</summary>
    private static readonly Dictionary<string, string> s_coveredByUnitTests = new(StringComparer.Ordinal)
    {
        // A golden file over the 64 MB limit has no place in the repository.
        ["PL0016"] = nameof(SourceFileTests) + "." + nameof(SourceFileTests.A_file_over_the_size_limit_is_PL0016),
        // A missing file or a folder cannot be a golden file.
        ["PL0017"] = nameof(SourceFileTests) + "." + nameof(SourceFileTests.A_missing_file_is_PL0017) + ", "
                     + nameof(SourceFileTests) + "." + nameof(SourceFileTests.A_folder_is_PL0017),
    };

    /// <summary>
    /// Known compiler bugs: codes that the compiler does not report today although their golden file should
    /// produce them. The golden file records today's behaviour; remove the entry when the bug is fixed.
    /// </summary>
    private static readonly Dictionary<string, string> s_knownBugs = new(StringComparer.Ordinal)
    {
    };

    public static IEnumerable<object[]> Cases() =>
        Directory.EnumerateFiles(Folder, "*.policy")
            .Select(f => System.IO.Path.GetFileName(f))
            .Where(name => !name.StartsWith('_'))
            .OrderBy(name => name, StringComparer.Ordinal)
            .Select(name => new object[] { name });

    public static string Render(string fileName)
    {
        var path = System.IO.Path.Combine(Folder, fileName);
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
        // Messages may name the file or its folder (PL0114, PL0122): keep machine paths out of expected files.
        string Line(Diagnostic d, Language l) => d.ToString(l)
            .Replace(path, relative)
            .Replace(Folder + System.IO.Path.DirectorySeparatorChar, "Golden/Diagnostics/")
            .Replace(Folder, "Golden/Diagnostics");
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
        var missing = new List<string>();
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            if (s_coveredByUnitTests.ContainsKey(descriptor.Code) || s_knownBugs.ContainsKey(descriptor.Code)) continue;
            var files = Directory.EnumerateFiles(Folder, descriptor.Code + "*.policy").ToList();
            if (files.Count == 0 || !files.Any(f => Render(System.IO.Path.GetFileName(f)).Contains(" " + descriptor.Code + ":", StringComparison.Ordinal)))
                missing.Add(descriptor.Code);
        }
        Assert.True(missing.Count == 0, "no golden file produces: " + string.Join(", ", missing));
    }

    [Fact]
    public void Codes_without_a_golden_file_are_real_codes()
    {
        var codes = DiagnosticDescriptors.All.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        Assert.All(s_coveredByUnitTests.Keys.Concat(s_knownBugs.Keys), code => Assert.Contains(code, codes));
    }

    [Fact]
    public void Known_bugs_still_have_their_golden_file_and_are_still_bugs()
    {
        // When one of these starts producing its code, the bug is fixed: take it off the list.
        foreach (var (code, file) in s_knownBugs)
        {
            Assert.True(File.Exists(System.IO.Path.Combine(Folder, file)), $"missing golden file {file} for {code}");
            Assert.DoesNotContain(" " + code + ":", Render(file), StringComparison.Ordinal);
        }
    }
}
