using PolicyLang.Syntax;

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
}
