using PolicyLang.Syntax;
using PolicyLang.Tests.Robustness;

namespace PolicyLang.Tests.Syntax;

public class LexerTests
{
    private static List<(TokenKind Kind, string Text)> Tokens(string text) =>
        SyntaxTree.Parse(text, "lexer.policy").Tokens.Where(t => t.Kind != TokenKind.EndOfFile).Select(t => (t.Kind, t.Text)).ToList();

    // KB08: 'set of' and 'list of' are two words, so a name that merely starts with 'of' stays a name.
    [Theory]
    [InlineData("set office_close = 18:00", new[] { TokenKind.Set, TokenKind.Id, TokenKind.Eq, TokenKind.Time })]
    [InlineData("set of_day = 1", new[] { TokenKind.Set, TokenKind.Id, TokenKind.Eq, TokenKind.Number })]
    [InlineData("set of text", new[] { TokenKind.Set, TokenKind.Of, TokenKind.Id })]
    [InlineData("set\tof  text", new[] { TokenKind.Set, TokenKind.Of, TokenKind.Id })]
    [InlineData("list of time", new[] { TokenKind.List, TokenKind.Of, TokenKind.Id })]
    [InlineData("list offset", new[] { TokenKind.List, TokenKind.Id })]
    [InlineData("listing of x", new[] { TokenKind.Id, TokenKind.Of, TokenKind.Id })]
    [InlineData("集合 文本", new[] { TokenKind.SetOf, TokenKind.Id })]
    public void Set_of_and_list_of_are_type_words_only_when_of_is_a_whole_word(string text, TokenKind[] kinds) =>
        Assert.Equal(kinds, Tokens(text).Select(t => t.Kind));

    // (There is no list literal, so no parameter of type 'list of' can be set here; the lexer tests above cover it.)
    [Fact]
    public void A_scenario_sets_parameters_whose_names_start_with_of_or_list()
    {
        var c = TestHelpers.Compile("""
            policy p {
              title "t"
              issuer "i"
              effective 2021-09-01
            }

            param office_close: time = 17:30 § "1"
            param listed_fee: CNY per student per month = 100 CNY per student per month § "1"
            param offered: set of text = {"a"} § "1"

            scenario later "later" {
              set office_close = 18:00
              set listed_fee = 120 CNY per student per month
              set offered = {"a", "b"}
            }
            """);
        Assert.DoesNotContain(c.Diagnostics, d => d.IsError);
    }

    // ------------------------------------------------------------------ KB01: lone surrogates

    [Fact]
    public void A_lone_surrogate_is_a_located_bad_character()
    {
        // Not theory data: test discovery stores it as UTF-8, which has no lone surrogates.
        var texts = new[]
        {
            "param x: text = \"a\uD800b\"",
            "param x: text = \"a\" // comment \uDC00",
            "param x: text = \"a\" /* \uDBFF */",
            "param x: text = \"a\" /* \uDBFF",
            "param x: text = \"a\uDBFF",
            "param x\uD800: text = \"a\"",
            "\uDFFF",
        };
        foreach (var text in texts)
        {
            var tree = SyntaxTree.Parse(text, "lexer.policy");
            var d = Assert.Single(tree.Diagnostics, d => d.Code == "PL0001");
            Assert.Equal(1, d.Location.Span.Length);
            Assert.True(char.IsSurrogate(text[d.Location.Span.Start]));
            Assert.Contains("'U+D", d.Message);
        }
    }

    [Fact]
    public void A_surrogate_pair_is_one_character()
    {
        var tree = SyntaxTree.Parse("policy p {\n  title \"😀 \U0002A6A5\"\n  effective 2021-09-01\n}\n", "lexer.policy");
        Assert.Empty(tree.Diagnostics);
    }

    // ------------------------------------------------------------------ KB12: lexical errors are capped

    [Theory]
    [InlineData("#", "PL0001")]
    [InlineData("\"\n", "PL0002")]
    [InlineData("\"\\q\" ", "PL0003")]
    [InlineData("25:99 ", "PL0010")]
    [InlineData("2021-02-30 ", "PL0011")]
    public void Lexical_errors_stop_after_100_with_one_PL0008(string unit, string code)
    {
        var text = Robust.Repeat(unit, 50_000);
        var tree = SyntaxTree.Parse(text, "lexer.policy");
        Assert.Equal(100, tree.Diagnostics.Count(d => d.Code == code));
        // One PL0008 for the lexical errors, and one for the syntax errors when the tokens are also out of place.
        Assert.InRange(tree.Diagnostics.Count(d => d.Code == "PL0008"), 1, 2);
        Assert.InRange(tree.Diagnostics.Length, 101, 100 + 1 + 100 + 1 + 1);
    }
}
