using System.Text;
using PolicyLang.Diagnostics;
using PolicyLang.Syntax;
using PolicyLang.Text;

namespace PolicyLang.Tests.Robustness;

/// <summary>
/// (c) Inputs built to break a recursive-descent front end: very deep nesting, very long operator chains,
/// very long lines, nothing at all. Each must end in located diagnostics, never in a crash; parse, bind and
/// format all run. Only completion is asserted, never a duration (benchmarks are programs, not tests: see
/// design/performance.md). Everything runs on a 1 MB-stack thread (see <see cref="Robust"/>).
/// </summary>
public class PathologicalInputTests
{
    private const string Header = "policy deep {\n  title \"t\"\n  issuer \"i\"\n  effective 2021-09-01\n}\n\n";
    private const int Deep = 100_000;
    private const int FiveMegabytes = 5 * 1024 * 1024;

    /// <summary>Parses, binds and formats on the robustness thread; returns every diagnostic.</summary>
    private static IReadOnlyList<Diagnostic> Run(string text)
    {
        IReadOnlyList<Diagnostic> diagnostics = Array.Empty<Diagnostic>();
        Robust.OnThread(() =>
        {
            var (tree, compilation) = Robust.Check(text);
            diagnostics = tree.Diagnostics.Concat(compilation.Diagnostics).ToList();
        });
        return diagnostics;
    }

    private static void AssertLocatedErrors(IReadOnlyList<Diagnostic> diagnostics, string text)
    {
        Assert.Contains(diagnostics, d => d.IsError);
        foreach (var d in diagnostics)
        {
            Assert.NotNull(d.Location);
            Assert.InRange(d.Location.Span.Start, 0, text.Length);
            Assert.InRange(d.Location.Span.End, d.Location.Span.Start, text.Length);
        }
    }

    private static List<string> Codes(IEnumerable<Diagnostic> diagnostics) => diagnostics.Select(d => d.Code).Distinct().ToList();

    // ------------------------------------------------------------------ nesting

    [Fact]
    public void Parentheses_nested_100000_deep_report_PL0006()
    {
        var text = Header + "param x: number = " + Robust.Repeat("(", Deep) + "1" + Robust.Repeat(")", Deep) + "\n";
        var diagnostics = Run(text);
        AssertLocatedErrors(diagnostics, text);
        Assert.Contains("PL0006", Codes(diagnostics));
    }

    [Fact]
    public void Parentheses_opened_100000_times_and_never_closed_report_PL0006()
    {
        var text = Header + "rule r \"r\" § \"1\"\n  require " + Robust.Repeat("(", Deep) + "\n";
        var diagnostics = Run(text);
        AssertLocatedErrors(diagnostics, text);
        Assert.Contains("PL0006", Codes(diagnostics));
    }

    [Fact]
    public void Braces_nested_100000_deep_at_the_top_level_report_PL0006()
    {
        var text = Robust.Repeat("{", Deep) + Robust.Repeat("}", Deep);
        var diagnostics = Run(text);
        AssertLocatedErrors(diagnostics, text);
        Assert.Contains("PL0006", Codes(diagnostics));
    }

    [Fact]
    public void Set_braces_nested_100000_deep_in_a_value_report_PL0006()
    {
        var text = Header + "param x: set of number = " + Robust.Repeat("{", Deep) + "1" + Robust.Repeat("}", Deep) + "\n";
        var diagnostics = Run(text);
        AssertLocatedErrors(diagnostics, text);
        Assert.Contains("PL0006", Codes(diagnostics));
    }

    [Fact]
    public void Brackets_nested_100000_deep_report_PL0006()
    {
        var text = Header + "param x: number = y" + Robust.Repeat("[", Deep) + "1" + Robust.Repeat("]", Deep) + "\n";
        var diagnostics = Run(text);
        AssertLocatedErrors(diagnostics, text);
        Assert.Contains("PL0006", Codes(diagnostics));
    }

    [Fact]
    public void An_inline_plan_nested_100000_deep_reports_PL0006()
    {
        var text = Header + "test \"t\" {\n  given plan " + Robust.Repeat("{\"a\": ", Deep) + "1" + Robust.Repeat("}", Deep) + "\n  expect compliant\n}\n";
        var diagnostics = Run(text);
        AssertLocatedErrors(diagnostics, text);
        Assert.Contains("PL0006", Codes(diagnostics));
    }

    [Fact]
    public void Nesting_within_the_limit_still_parses()
    {
        // 50 levels is far below the documented 200 and below what a 1 MB stack allows (see KnownBugTests).
        var text = Header + "param x: number = " + Robust.Repeat("(", 50) + "1" + Robust.Repeat(")", 50) + " § \"1\"\n";
        var diagnostics = Run(text);
        Assert.DoesNotContain(diagnostics, d => d.IsError);
    }

    // ------------------------------------------------------------------ long chains

    [Theory]
    [InlineData("not ")]
    [InlineData("非 ")]
    [InlineData("- ")]
    public void A_prefix_operator_100000_times_in_a_row_ends_in_located_errors(string prefix)
    {
        var text = Header + "rule r \"r\" § \"1\"\n  require " + Robust.Repeat(prefix, Deep) + "true\n";
        var diagnostics = Run(text);
        AssertLocatedErrors(diagnostics, text);
    }

    [Fact]
    public void A_run_of_prefix_operators_past_the_limit_is_one_PL0013_at_the_first_operator_too_many()
    {
        var prefix = Header + "rule r \"r\" § \"1\"\n  require ";
        var text = prefix + Robust.Repeat("not ", 500) + "true\n";
        Robust.OnThread(() =>
        {
            var tree = SyntaxTree.Parse(text, "deep.policy");
            var d = Assert.Single(tree.Diagnostics);
            Assert.Equal("PL0013", d.Code);
            Assert.Equal(prefix.Length + 400 * "not ".Length, d.Location.Span.Start);
            Assert.Equal("not".Length, d.Location.Span.Length);
            Assert.Single(tree.Root.Members.OfType<RuleDeclarationSyntax>());
        });
    }

    [Fact]
    public void An_expression_of_2_500_000_terms_reports_PL0013()
    {
        var sb = new StringBuilder(Header.Length + 5_000_100);
        sb.Append(Header).Append("param x: number = 1");
        for (var i = 1; i < 2_500_000; i++) sb.Append("+1");
        sb.Append(" § \"1\"\n");
        var text = sb.ToString();
        var diagnostics = Run(text);
        AssertLocatedErrors(diagnostics, text);
        Assert.Contains("PL0013", Codes(diagnostics));
    }

    [Theory]
    [InlineData(" and true")]
    [InlineData(" or false")]
    [InlineData(".a")]
    public void A_chain_of_100000_binary_operations_reports_PL0013(string link)
    {
        var text = Header + "rule r \"r\" § \"1\"\n  require plan.disclosure.published" + Robust.Repeat(link, Deep) + "\n";
        var diagnostics = Run(text);
        AssertLocatedErrors(diagnostics, text);
        Assert.Contains("PL0013", Codes(diagnostics));
    }

    // ------------------------------------------------------------------ long lines

    [Fact]
    public void A_5_MB_line_comment_alone_reports_a_located_error()
    {
        var text = "//" + Robust.Repeat("注释 comment ", FiveMegabytes / 11);
        var diagnostics = Run(text);
        AssertLocatedErrors(diagnostics, text);
    }

    [Fact]
    public void A_5_MB_line_comment_after_a_policy_is_kept()
    {
        var comment = "// " + Robust.Repeat("x", FiveMegabytes);
        var text = Header + comment + "\n";
        IReadOnlyList<Diagnostic> diagnostics = Array.Empty<Diagnostic>();
        Robust.OnThread(() =>
        {
            var (tree, compilation) = Robust.Check(text);
            Assert.Single(tree.Comments);
            Assert.Equal(comment, tree.Comments[0].Text);
            diagnostics = compilation.Diagnostics;
        });
        Assert.DoesNotContain(diagnostics, d => d.IsError);
    }

    [Fact]
    public void A_5_MB_string_reports_located_errors()
    {
        var text = "\"" + Robust.Repeat("文本text", FiveMegabytes / 6) + "\"";
        var diagnostics = Run(text);
        AssertLocatedErrors(diagnostics, text);
    }

    [Fact]
    public void A_5_MB_string_in_a_title_is_accepted()
    {
        var text = "policy p {\n  title \"" + Robust.Repeat("文本text", FiveMegabytes / 6) + "\"\n  issuer \"i\"\n  effective 2021-09-01\n}\n";
        var diagnostics = Run(text);
        Assert.DoesNotContain(diagnostics, d => d.IsError);
    }

    [Fact]
    public void A_5_MB_unterminated_string_reports_PL0002()
    {
        var text = Header + "rule r \"" + Robust.Repeat("x", FiveMegabytes);
        var diagnostics = Run(text);
        AssertLocatedErrors(diagnostics, text);
        Assert.Contains("PL0002", Codes(diagnostics));
    }

    [Fact]
    public void A_5_MB_unterminated_block_comment_reports_PL0007()
    {
        var text = Header + "/*" + Robust.Repeat("x", FiveMegabytes);
        var diagnostics = Run(text);
        AssertLocatedErrors(diagnostics, text);
        Assert.Contains("PL0007", Codes(diagnostics));
    }

    /// <summary>Printable garbage: names, numbers, punctuation and characters the lexer rejects, one 5 MB line.</summary>
    [Theory]
    [InlineData("!#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ 政策规则收费要求§，。“”\"")]
    // Without quotes and slashes no string or comment swallows the rest: every character is lexed.
    [InlineData("#$%&()*+,-.0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~ 政策规则收费要求§，。")]
    public void A_5_MB_line_of_garbage_reports_located_errors(string alphabet)
    {
        var text = Garbage(FiveMegabytes, alphabet);
        var diagnostics = Run(text);
        AssertLocatedErrors(diagnostics, text);
    }

    private static string Garbage(int length, string alphabet)
    {
        var sb = new StringBuilder(length);
        var x = 88172645463325252UL; // xorshift64: the same garbage every run
        for (var i = 0; i < length; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            sb.Append(alphabet[(int)(x % (ulong)alphabet.Length)]);
        }
        return sb.ToString();
    }

    // ------------------------------------------------------------------ nothing there

    [Fact]
    public void An_empty_text_reports_PL0009_at_the_start()
    {
        var diagnostics = Run(string.Empty);
        var d = Assert.Single(diagnostics.Where(d => d.IsError).DistinctBy(d => d.Code));
        Assert.Equal("PL0009", d.Code);
        Assert.Equal(0, d.Location.Span.Start);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { (byte)' ', (byte)'\n', (byte)'\t', (byte)'\r', (byte)'\n' })]
    public void An_empty_file_reports_PL0009(byte[] bytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"policylang-empty-{Guid.NewGuid():N}.policy");
        File.WriteAllBytes(path, bytes);
        try
        {
            Assert.Equal(SourceReadStatus.Ok, SourceFile.Read(path, out var text, out var problem));
            Assert.Null(problem);
            var diagnostics = Run(text!.Content);
            Assert.Contains(diagnostics, d => d.Code == "PL0009");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("// only a comment\n")]
    [InlineData("/* a block comment */")]
    [InlineData("// 种子文件 004\n// 与 jinshan-2021.policy 绑定为同一模型\n\n/* 块 */\n")]
    public void A_file_of_only_comments_reports_that_the_policy_is_missing(string text)
    {
        var diagnostics = Run(text);
        AssertLocatedErrors(diagnostics, text);
        // Today this is PL0009 ("the file is empty; expected a policy starting with 'policy NAME { … }'"): it points
        // at line 1 and says what to write. (Its first words are not exact for a file that holds comments.)
        var d = Assert.Single(diagnostics.Where(d => d.IsError).DistinctBy(d => d.Code));
        Assert.Equal("PL0009", d.Code);
        Assert.Equal(0, d.Location.Start.Line);
        Assert.Contains("policy", d.GetMessage(Language.English), StringComparison.Ordinal);
    }
}
