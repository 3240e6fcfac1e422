using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using static PolicyLang.Tests.TestHelpers;

namespace PolicyLang.Tests.Editor;

/// <summary>
/// The VS Code extension in lsp/vscode: its manifest, language configuration and snippets (checked with
/// the compiler in process), and — through npm, installed once from the committed lock file — its grammar
/// tests, the grammar's agreement with the real lexer, the client's build and unit tests, and the .vsix.
/// </summary>
public sealed class VsCodeExtensionTests : IDisposable
{
    private static readonly TimeSpan Minutes5 = TimeSpan.FromMinutes(5);

    private readonly ITestOutputHelper _output;
    private readonly string _temp = Directory.CreateTempSubdirectory("policylang-vscode-").FullName;

    public VsCodeExtensionTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static string Ext(params string[] parts) => Path.Combine(new[] { Npm.ExtensionDir }.Concat(parts).ToArray());

    private static JsonElement Manifest()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Ext("package.json")));
        return doc.RootElement.Clone();
    }

    private static string Resolve(string relative) => Path.GetFullPath(Path.Combine(Npm.ExtensionDir, relative));

    // ------------------------------------------------------------------ manifest and configuration

    [Fact]
    public void The_manifest_contributes_the_language_grammar_snippets_settings_and_restart_command()
    {
        var m = Manifest();
        var contributes = m.GetProperty("contributes");

        var language = Assert.Single(contributes.GetProperty("languages").EnumerateArray());
        Assert.Equal("policy", language.GetProperty("id").GetString());
        Assert.Equal(new[] { ".policy" }, language.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()));
        var aliases = language.GetProperty("aliases").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("PolicyLang", aliases);
        Assert.Contains("政策", aliases);
        Assert.True(File.Exists(Resolve(language.GetProperty("configuration").GetString()!)), "the language configuration file is missing");

        var grammar = Assert.Single(contributes.GetProperty("grammars").EnumerateArray());
        Assert.Equal("policy", grammar.GetProperty("language").GetString());
        Assert.Equal("source.policy", grammar.GetProperty("scopeName").GetString());
        var grammarFile = Resolve(grammar.GetProperty("path").GetString()!);
        Assert.True(File.Exists(grammarFile), $"the grammar {grammarFile} is missing");
        using (var g = JsonDocument.Parse(File.ReadAllText(grammarFile)))
            Assert.Equal("source.policy", g.RootElement.GetProperty("scopeName").GetString());

        var snippets = Assert.Single(contributes.GetProperty("snippets").EnumerateArray());
        Assert.Equal("policy", snippets.GetProperty("language").GetString());
        Assert.Equal(Path.GetFullPath(Snippets.FilePath), Resolve(snippets.GetProperty("path").GetString()!));
        Assert.True(File.Exists(Snippets.FilePath));

        Assert.Contains(contributes.GetProperty("commands").EnumerateArray(), c => c.GetProperty("command").GetString() == "policylang.restartServer");
        Assert.Contains("onLanguage:policy", m.GetProperty("activationEvents").EnumerateArray().Select(e => e.GetString()));

        var settings = contributes.GetProperty("configuration").GetProperty("properties");
        Assert.Equal("policyc", settings.GetProperty("policylang.server.path").GetProperty("default").GetString());
        Assert.Equal(new[] { "lsp" }, settings.GetProperty("policylang.server.args").GetProperty("default").EnumerateArray().Select(e => e.GetString()));
        var trace = settings.GetProperty("policylang.trace.server");
        Assert.Equal(new[] { "off", "messages", "verbose" }, trace.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("off", trace.GetProperty("default").GetString());

        // The client source the manifest's main is compiled from.
        Assert.Equal("./out/extension.js", m.GetProperty("main").GetString());
        Assert.True(File.Exists(Ext("src", "extension.ts")));
        Assert.Equal("policylang", m.GetProperty("publisher").GetString());
        Assert.Equal("MIT", m.GetProperty("license").GetString());
    }

    [Fact]
    public void The_engine_suits_the_locked_language_client_and_vscode_types()
    {
        // vsce refuses a package whose @types/vscode is newer than engines.vscode, and the client
        // library needs at least its own engine.
        var engine = MinimumVersion(Manifest().GetProperty("engines").GetProperty("vscode").GetString()!);
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Ext("package-lock.json")));
        var packages = lockFile.RootElement.GetProperty("packages");
        var client = packages.GetProperty("node_modules/vscode-languageclient");
        var clientEngine = MinimumVersion(client.GetProperty("engines").GetProperty("vscode").GetString()!);
        Assert.True(engine >= clientEngine, $"engines.vscode {engine} is older than vscode-languageclient {client.GetProperty("version").GetString()} needs ({clientEngine})");
        var types = Version.Parse(packages.GetProperty("node_modules/@types/vscode").GetProperty("version").GetString()!);
        Assert.True(types <= engine, $"@types/vscode {types} is newer than engines.vscode {engine}");
    }

    private static Version MinimumVersion(string range) => Version.Parse(Regex.Match(range, @"\d+\.\d+\.\d+").Value);

    [Fact]
    public void The_language_configuration_has_comments_brackets_Chinese_quotes_and_a_CJK_word_pattern()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Ext("language-configuration.json")));
        var c = doc.RootElement;
        Assert.Equal("//", c.GetProperty("comments").GetProperty("lineComment").GetString());
        Assert.Equal(new[] { "/*", "*/" }, c.GetProperty("comments").GetProperty("blockComment").EnumerateArray().Select(e => e.GetString()));
        var brackets = c.GetProperty("brackets").EnumerateArray().Select(p => p[0].GetString() + p[1].GetString()).ToList();
        Assert.Contains("{}", brackets);
        Assert.Contains("()", brackets);
        Assert.Contains("[]", brackets);
        var closing = c.GetProperty("autoClosingPairs").EnumerateArray().Select(p => p.GetProperty("open").GetString() + p.GetProperty("close").GetString()).ToList();
        foreach (var pair in new[] { "{}", "()", "[]", "\"\"", "“”", "「」" }) Assert.Contains(pair, closing);
        var surrounding = c.GetProperty("surroundingPairs").EnumerateArray().Select(p => p[0].GetString() + p[1].GetString()).ToList();
        foreach (var pair in new[] { "{}", "()", "[]", "\"\"", "“”", "「」" }) Assert.Contains(pair, surrounding);
        Assert.True(c.GetProperty("folding").GetProperty("markers").TryGetProperty("start", out _));

        var words = new Regex(c.GetProperty("wordPattern").GetString()!);
        string[] Words(string text) => words.Matches(text).Select(m => m.Value).ToArray();
        Assert.Equal(new[] { "office_close", "学生数", "最低_收费", "_x2" }, Words("office_close 学生数 最低_收费 _x2"));
        Assert.Equal(new[] { "不少于", "80%", "上限", "120", "元" }, Words("不少于80% 上限120元"));
        Assert.Equal(new[] { "plan", "service", "end" }, Words("plan.service.end"));
    }

    // ------------------------------------------------------------------ snippets

    public static IEnumerable<object[]> SnippetNames() => Snippets.Load().Select(s => new object[] { s.Name });

    /// <summary>Every snippet, with its placeholders at their defaults and after a header (unless it is the
    /// header), is a policy that `policyc check` accepts without errors or warnings.</summary>
    [Theory]
    [MemberData(nameof(SnippetNames))]
    public void A_snippet_expands_to_a_policy_that_checks_clean(string name)
    {
        var snippet = Snippets.Load().Single(s => s.Name == name);
        var text = Snippets.Expand(snippet.Body);
        if (!Regex.IsMatch(text, @"^(policy|政策)\s")) text = "policy snippet_check {\n  title     \"t\"\n  issuer    \"i\"\n  effective 2021-09-01\n}\n\n" + text;
        Directory.CreateDirectory(Path.Combine(_temp, "plans"));
        File.Copy(Repo.Path("examples", "plans", "zaozhuang-compliant.json"), Path.Combine(_temp, "plans", "compliant.json"));
        var file = Path.Combine(_temp, "snippet.policy");
        File.WriteAllText(file, text, new UTF8Encoding(false));

        var (exit, stdout, stderr) = Policyc("check", "--format", "json", file);
        using var doc = JsonDocument.Parse(stdout);
        var diagnostics = doc.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Select(d => $"{d.GetProperty("line").GetInt32()}:{d.GetProperty("column").GetInt32()} {d.GetProperty("severity").GetString()} {d.GetProperty("code").GetString()}: {d.GetProperty("message").GetString()}")
            .ToList();
        Assert.True(exit == 0 && diagnostics.Count == 0,
            $"snippet '{name}' expands to a policy with diagnostics (exit {exit}):\n{string.Join("\n", diagnostics)}\n{stderr}\n--- expanded text:\n{text}");
    }

    [Fact]
    public void There_are_snippets_for_every_section_and_declaration_in_both_languages()
    {
        var prefixes = Snippets.Load().SelectMany(s => s.Prefixes).ToHashSet();
        var expected = new[]
        {
            "policy", "param", "window", "fee", "subsidy", "pay", "staffing", "eligibility", "homework", "calendar", "rule", "rule-forbid", "measure", "scenario", "test",
            "政策", "参数", "服务时间", "收费", "补贴", "报酬", "师资", "服务对象", "作业", "校历", "规则", "规则-禁止", "指标", "情景", "测试",
        };
        var missing = expected.Where(p => !prefixes.Contains(p)).ToList();
        Assert.True(missing.Count == 0, "no snippet has the prefix " + string.Join(", ", missing));
        Assert.Equal("rule x \"a\" § \"1\"\n  require true\n", Snippets.Expand("rule ${1:x} \"${2:a}\" § \"${3:1}\"\n\t${4|require,forbid|} ${5:true}\n$0"));
        Assert.Equal("a b a $}", Snippets.Expand("$1 ${2:b} ${1:a} \\$\\}"));
    }

    // ------------------------------------------------------------------ npm: grammar, client, package

    [Fact]
    public void The_grammar_is_the_one_its_generator_writes()
    {
        Npm.EnsureInstalled();
        Npm.Check("node", new[] { "scripts/build-grammar.js", "--check" }, Minutes5);
    }

    [Fact]
    public void The_grammar_tests_pass_including_one_for_every_keyword_of_the_lexer()
    {
        Npm.EnsureInstalled();
        var generated = Npm.Check("node", new[] { "test/generate-keyword-test.js" }, Minutes5);
        _output.WriteLine(generated.Stdout + generated.Stderr);
        Assert.DoesNotContain("have no scope", generated.Stderr);
        var tests = Npm.Check("npx", new[] { "--no", "--", "vscode-tmgrammar-test", "-g", "syntaxes/policy.tmLanguage.json", "test/grammar/*.policy", "out/test/grammar/*.policy" }, Minutes5);
        _output.WriteLine(tests.Stdout);
        // Every hand-written test file and the generated keyword file ran.
        var files = Directory.GetFiles(Ext("test", "grammar"), "*.policy").Length + 1;
        Assert.True(Regex.Matches(tests.Stdout, "run successfuly").Count == files, tests.Describe());
    }

    /// <summary>
    /// Tokenizes every example, documented policy, grammar test and snippet, and a corpus of every keyword
    /// glued to numbers, names and other keywords, with the TextMate grammar (as VS Code does) and with the
    /// compiler's lexer: keywords must be keyword-scoped pieces with the lexer's bounds, names must not be.
    /// </summary>
    [Fact]
    public void The_grammar_reads_keywords_names_numbers_texts_and_comments_as_the_lexer_does()
    {
        Npm.EnsureInstalled();
        var files = new List<string>();
        files.AddRange(Directory.EnumerateFiles(Repo.Examples, "*.policy", SearchOption.AllDirectories));
        files.AddRange(Directory.EnumerateFiles(Repo.Path("tests", "PolicyLang.Tests"), "*.policy", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)));
        files.AddRange(Directory.EnumerateFiles(Repo.Path("src"), "*.policy", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)));
        files.AddRange(Directory.EnumerateFiles(Ext("test", "grammar"), "*.policy"));
        var n = 0;
        foreach (var doc in new[] { Repo.Path("docs", "language.md"), Repo.Path("docs", "diagnostics.md") })
        {
            foreach (Match block in Regex.Matches(File.ReadAllText(doc).Replace("\r\n", "\n"), "```policy\n(.*?)```", RegexOptions.Singleline))
            {
                var file = Path.Combine(_temp, $"doc{n++:000}.policy");
                File.WriteAllText(file, block.Groups[1].Value, new UTF8Encoding(false));
                files.Add(file);
            }
        }
        foreach (var snippet in Snippets.Load())
        {
            var file = Path.Combine(_temp, $"snippet{n++:000}.policy");
            File.WriteAllText(file, Snippets.Expand(snippet.Body), new UTF8Encoding(false));
            files.Add(file);
        }
        var corpus = Path.Combine(_temp, "keyword-corpus.policy");
        File.WriteAllText(corpus, GrammarLexerComparison.KeywordCorpus(), new UTF8Encoding(false));

        var tokens = Npm.Check("node", new[] { "scripts/tokenize.js", "--json", corpus }.Concat(files), Minutes5);
        var grammar = GrammarLexerComparison.ParseTokenizerJson(tokens.Stdout);
        Assert.Equal(files.Count + 1, grammar.Count);

        var result = new GrammarLexerComparison.Result();
        GrammarLexerComparison.Compare("keyword corpus", File.ReadAllText(corpus), grammar[0].Select(l => (IReadOnlyList<TmToken>)l).ToList(), perLine: true, result);
        var corpusCut = result.CutNames.Count;
        for (var i = 0; i < files.Count; i++)
            GrammarLexerComparison.Compare(Path.GetRelativePath(Repo.Root, files[i]), File.ReadAllText(files[i]), grammar[i + 1].Select(l => (IReadOnlyList<TmToken>)l).ToList(), perLine: false, result);

        _output.WriteLine($"{files.Count} files and {File.ReadAllLines(corpus).Length} corpus lines: {result.Checked} tokens compared, {result.Mismatches.Count} mismatches; " +
                          $"{corpusCut} corpus tokens and {result.CutNames.Count - corpusCut} file tokens skipped where the lexer cuts a Chinese word into two names.");
        foreach (var cut in result.CutNames.Skip(corpusCut).Take(20)) _output.WriteLine("cut by the lexer: " + cut);
        Assert.True(result.Checked > 10_000, $"only {result.Checked} tokens compared");
        // The lexer reads Chinese names by longest match: it never cuts a word into two names, so nothing is skipped.
        Assert.True(result.CutNames.Count == 0, "the lexer cut Chinese words into names:\n" + string.Join("\n", result.CutNames.Take(20)));
        Assert.True(result.Mismatches.Count == 0,
            $"{result.Mismatches.Count} tokens where the grammar and the lexer disagree (first 40):\n" + string.Join("\n", result.Mismatches.Take(40)));
    }

    [Fact]
    public void The_client_compiles_and_its_unit_tests_pass()
    {
        Npm.EnsureInstalled();
        Npm.Check("npx", new[] { "--no", "--", "tsc", "-p", "./" }, Minutes5);
        Assert.True(File.Exists(Ext("out", "extension.js")));
        var unitTests = Directory.GetFiles(Ext("test", "unit"), "*.test.js").Select(f => Path.GetRelativePath(Npm.ExtensionDir, f).Replace('\\', '/')).ToArray();
        Assert.NotEmpty(unitTests);
        var run = Npm.Check("node", new[] { "--test" }.Concat(unitTests), Minutes5);
        _output.WriteLine(run.Stdout);
        Assert.Matches(@"# fail 0", run.Stdout);
    }

    [Fact]
    public void Vsce_packages_a_vsix_with_the_manifest_grammar_snippets_and_client_that_loads()
    {
        Npm.EnsureInstalled();
        var vsix = Path.Combine(_temp, "policylang.vsix");
        var package = Npm.Check("npx", new[] { "--no", "--", "@vscode/vsce", "package", "--out", vsix }, Minutes5);
        _output.WriteLine(package.Stdout);
        Assert.True(File.Exists(vsix), package.Describe());

        using (var zip = ZipFile.OpenRead(vsix))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
            foreach (var expected in new[]
                     {
                         "extension.vsixmanifest", "extension/package.json", "extension/syntaxes/policy.tmLanguage.json",
                         "extension/language-configuration.json", "extension/snippets/policy.json", "extension/out/extension.js",
                         "extension/out/server.js", "extension/readme.md", "extension/changelog.md",
                         "extension/node_modules/vscode-languageclient/package.json",
                     })
                Assert.True(entries.Contains(expected), $"{expected} is not in the .vsix; it has:\n{string.Join("\n", entries.Order())}");
            Assert.DoesNotContain(entries, e => e.StartsWith("extension/src/", StringComparison.Ordinal) || e.StartsWith("extension/test/", StringComparison.Ordinal)
                                                 || e.StartsWith("extension/node_modules/typescript/", StringComparison.Ordinal));
            using var manifest = JsonDocument.Parse(zip.GetEntry("extension/package.json")!.Open());
            Assert.Equal("policylang", manifest.RootElement.GetProperty("name").GetString());
        }

        var unpacked = Path.Combine(_temp, "unpacked");
        ZipFile.ExtractToDirectory(vsix, unpacked);
        var smoke = Npm.Check("node", new[] { "test/package-smoke.js", Path.Combine(unpacked, "extension") }, Minutes5);
        _output.WriteLine(smoke.Stdout);
    }
}
