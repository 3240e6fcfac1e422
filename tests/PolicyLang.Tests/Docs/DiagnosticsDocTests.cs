using System.Text.RegularExpressions;
using PolicyLang.Diagnostics;
using PolicyLang.Syntax;
using PolicyLang.Tests.Golden;

namespace PolicyLang.Tests.Docs;

/// <summary>
/// docs/diagnostics.md documents every diagnostic code. Each code has a section headed exactly '## PLxxxx' (so
/// that the help link '#plxxxx' finds it) with the code's title, severity, both message patterns, a
/// ```policy wrong block that produces the code and a ```policy fixed block that compiles without errors and
/// without the code. A ```policy parent block is a policy the other two may 'extends'.
/// Markers (HTML comments, invisible on GitHub) change what is checked:
///   &lt;!-- doc-test: skip --&gt;              file-level codes (PL0014–PL0017): no policy text to compile;
///   &lt;!-- doc-test: golden FILE.policy --&gt; the Wrong example is abbreviated; the golden file of that name
///                                          (tests/PolicyLang.Tests/Golden/Diagnostics) must produce the code.
/// Examples are compiled as example.policy in a temporary folder that also holds plans/school.json (a copy
/// of examples/plans/liuzhou-compliant.json), so tests in the examples may say: given plan "plans/school.json".
/// </summary>
public sealed class DiagnosticsDocTests : IClassFixture<DiagnosticsDocTests.ExampleFolder>
{
    /// <summary>Codes the compiler does not report today (see GoldenDiagnosticsTests): their Wrong example cannot produce them yet.</summary>
    private static readonly HashSet<string> s_knownBugs = new(StringComparer.Ordinal);

    /// <summary>Codes about the file itself rather than its text.</summary>
    private static readonly HashSet<string> s_fileLevel = new(StringComparer.Ordinal) { "PL0014", "PL0015", "PL0016", "PL0017" };

    private readonly ExampleFolder _folder;

    public DiagnosticsDocTests(ExampleFolder folder) => _folder = folder;

    // ------------------------------------------------------------------ the document

    public sealed record Block(string Kind, string Text, int Line);

    public sealed record Section(string Code, int Line, string Text, IReadOnlyList<Block> Blocks, bool Skip, string? Golden)
    {
        public IEnumerable<Block> OfKind(string kind) => Blocks.Where(b => b.Kind == kind);
    }

    private static string DocPath => Repo.Path("docs", "diagnostics.md");

    private static readonly Regex s_codeHeading = new(@"^## (PL\d{4})$", RegexOptions.CultureInvariant);
    private static readonly Regex s_goldenMarker = new(@"<!-- doc-test: golden (\S+\.policy) -->", RegexOptions.CultureInvariant);

    private static IReadOnlyList<Section>? s_sections;

    public static IReadOnlyList<Section> Sections() => s_sections ??= Parse(File.ReadAllLines(DocPath));

    internal static IReadOnlyList<Section> Parse(string[] lines)
    {
        var sections = new List<Section>();
        string? code = null;
        var start = 0;
        var text = new List<string>();
        var blocks = new List<Block>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                var match = s_codeHeading.Match(line);
                code = match.Success ? match.Groups[1].Value : null;
                start = i + 1;
                continue;
            }
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                var info = line.Substring(3).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var body = new List<string>();
                var open = i + 1;
                for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
                    body.Add(lines[i]);
                if (info.Length > 0 && info[0] == "policy")
                    blocks.Add(new Block(info.Length > 1 ? info[1] : string.Empty, string.Join("\n", body) + "\n", open));
                text.Add(string.Join("\n", body));
                continue;
            }
            text.Add(line);
        }
        Flush();
        return sections;

        void Flush()
        {
            if (code is not null)
            {
                var all = string.Join("\n", text);
                var golden = s_goldenMarker.Match(all);
                sections.Add(new Section(code, start, all, blocks.ToList(), all.Contains("<!-- doc-test: skip -->", StringComparison.Ordinal),
                    golden.Success ? golden.Groups[1].Value : null));
            }
            text.Clear();
            blocks.Clear();
        }
    }

    private static Section SectionOf(string code) => Sections().Single(s => s.Code == code);

    /// <summary>A message format as the document shows it: string.Format's doubled braces undone.</summary>
    private static string Shown(string format) => format.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal);

    public static IEnumerable<object[]> CheckedCodes() =>
        DiagnosticDescriptors.All.Where(d => !s_fileLevel.Contains(d.Code)).Select(d => new object[] { d.Code });

    // ------------------------------------------------------------------ structure

    [Fact]
    public void Every_code_has_one_section_in_code_order()
    {
        var codes = Sections().Select(s => s.Code).ToList();
        Assert.Equal(DiagnosticDescriptors.All.Select(d => d.Code), codes);
    }

    [Fact]
    public void Sections_are_headed_by_the_bare_code_so_the_help_link_anchor_works()
    {
        var headings = File.ReadAllLines(DocPath).Where(l => l.StartsWith("## PL", StringComparison.Ordinal)).ToList();
        Assert.All(headings, h => Assert.Matches(s_codeHeading, h));
        foreach (var d in DiagnosticDescriptors.All)
            Assert.EndsWith("#" + d.Code.ToLowerInvariant(), d.HelpLink, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void Section_gives_title_severity_and_both_message_patterns(string code)
    {
        var d = DiagnosticDescriptors.All.Single(x => x.Code == code);
        var section = SectionOf(code);
        Assert.Contains($"**{d.Title}** · {Diagnostic.SeverityName(d.DefaultSeverity)}", section.Text, StringComparison.Ordinal);
        Assert.Contains("- English: `" + Shown(d.EnglishFormat) + "`", section.Text, StringComparison.Ordinal);
        Assert.Contains("- Chinese: `" + Shown(d.ChineseFormat) + "`", section.Text, StringComparison.Ordinal);
    }

    public static IEnumerable<object[]> AllCodes() => DiagnosticDescriptors.All.Select(d => new object[] { d.Code });

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void Section_has_the_examples_its_kind_needs(string code)
    {
        var section = SectionOf(code);
        if (s_fileLevel.Contains(code))
        {
            Assert.True(section.Skip, $"{code} is about the file, not its text: mark it <!-- doc-test: skip -->");
            Assert.Empty(section.Blocks);
            return;
        }
        Assert.False(section.Skip, $"only file-level codes may be skipped, not {code}");
        Assert.Single(section.OfKind("fixed"));
        if (section.Golden is null)
            Assert.Single(section.OfKind("wrong"));
        else
            Assert.Empty(section.OfKind("wrong"));
        Assert.All(section.Blocks, b => Assert.Contains(b.Kind, new[] { "wrong", "fixed", "parent", "" }));
    }

    // ------------------------------------------------------------------ the examples

    private Compilation Compile(Section section, Block block)
    {
        var parents = section.OfKind("parent").Select((p, i) => SyntaxTree.Parse(p.Text, _folder.PathOf($"parent{i}.policy"))).ToList();
        return Compilation.Create(SyntaxTree.Parse(block.Text, _folder.PathOf("example.policy")), new FileSystemPolicyResolver(parents));
    }

    private static string Show(Compilation c) => c.Diagnostics.Length == 0 ? "(no diagnostics)" : TestHelpers.Render(c.Diagnostics);

    [Theory]
    [MemberData(nameof(CheckedCodes))]
    public void Wrong_example_produces_the_code(string code)
    {
        var section = SectionOf(code);
        string output;
        if (section.Golden is { } golden)
        {
            output = GoldenDiagnosticsTests.Render(golden);
            Assert.StartsWith(code, golden, StringComparison.Ordinal);
        }
        else
        {
            var wrong = section.OfKind("wrong").Single();
            output = Show(Compile(section, wrong));
        }
        var produced = output.Contains(" " + code + ":", StringComparison.Ordinal);
        if (s_knownBugs.Contains(code))
            Assert.False(produced, $"{code} is reported now: take it off the known bugs here and in GoldenDiagnosticsTests");
        else
            Assert.True(produced, $"the Wrong example of {code} (docs/diagnostics.md line {section.Line}) does not produce it:\n{output}");
    }

    [Theory]
    [MemberData(nameof(CheckedCodes))]
    public void Fixed_example_has_no_errors_and_not_the_code(string code)
    {
        var section = SectionOf(code);
        var fixedBlock = section.OfKind("fixed").Single();
        var compilation = Compile(section, fixedBlock);
        Assert.False(compilation.HasErrors, $"the Fixed example of {code} (docs/diagnostics.md line {fixedBlock.Line}) has errors:\n{Show(compilation)}");
        Assert.DoesNotContain(compilation.Diagnostics, d => d.Code == code);
    }

    [Theory]
    [MemberData(nameof(CheckedCodes))]
    public void Parent_examples_compile_cleanly(string code)
    {
        var section = SectionOf(code);
        foreach (var parent in section.OfKind("parent"))
        {
            var compilation = Compilation.Create(SyntaxTree.Parse(parent.Text, _folder.PathOf("parent.policy")), new FileSystemPolicyResolver());
            Assert.True(compilation.Diagnostics.Length == 0, $"the parent policy of {code} (line {parent.Line}) is not clean:\n{Show(compilation)}");
        }
    }

    [Fact]
    public void The_parser_of_this_test_finds_blocks_and_markers()
    {
        var lines = new[]
        {
            "# Title", "## Intro", "```policy", "ignored", "```",
            "## PL9999", "**x** · error", "<!-- doc-test: golden PL9999-x.policy -->",
            "```policy parent", "policy p {}", "```", "```policy fixed", "a", "b", "```",
        };
        var sections = Parse(lines);
        var s = Assert.Single(sections);
        Assert.Equal("PL9999", s.Code);
        Assert.Equal("PL9999-x.policy", s.Golden);
        Assert.Equal(new[] { "parent", "fixed" }, s.Blocks.Select(b => b.Kind));
        Assert.Equal("a\nb\n", s.OfKind("fixed").Single().Text);
    }

    /// <summary>The folder examples are compiled in: example.policy (never written) and plans/school.json.</summary>
    public sealed class ExampleFolder : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "policylang-doc-" + Guid.NewGuid().ToString("N"));

        public ExampleFolder()
        {
            Directory.CreateDirectory(Path.Combine(_root, "plans"));
            File.Copy(Repo.Path("examples", "plans", "liuzhou-compliant.json"), Path.Combine(_root, "plans", "school.json"));
        }

        public string PathOf(string name) => Path.Combine(_root, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is not worth failing a test over.
            }
        }
    }
}
