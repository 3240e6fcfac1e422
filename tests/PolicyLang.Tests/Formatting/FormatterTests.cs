using PolicyLang.Syntax;
using PolicyLang.Syntax.Formatting;

namespace PolicyLang.Tests.Formatting;

public class FormatterTests
{
    private static string Fmt(string text) => PolicyFormatter.Format(SyntaxTree.Parse(text));

    [Fact]
    public void Formats_to_the_canonical_layout_and_keeps_every_comment()
    {
        var input = """
            // header comment
            policy   p{title "t"   issuer "i"
            effective 2021-09-01}
            fee{cap 100 CNY   per student per month § "七" // trailing
            /* before waive */ waive registered_poverty,minimum_living §"七"}
            rule r "规则" §"一" require   plan.participation.voluntary  // end of rule
            """;
        var expected = """
            // header comment
            policy p {
              title     "t"
              issuer    "i"
              effective 2021-09-01
            }

            fee {
              cap   100 CNY per student per month       § "七"  // trailing
              /* before waive */
              waive registered_poverty, minimum_living  § "七"
            }

            rule r "规则" § "一"
              require plan.participation.voluntary  // end of rule

            """;
        Assert.Equal(expected.Replace("\r\n", "\n"), Fmt(input));
    }

    [Fact]
    public void Keeps_the_language_of_each_keyword()
    {
        var input = "政策 p { 标题 \"t\" }\n收费 { 上限 100 元 每生每月 依据 \"七\" }\n";
        var output = Fmt(input);
        Assert.Contains("政策 p {", output);
        Assert.Contains("上限 100 元 每生每月  依据 \"七\"", output);
    }

    [Theory]
    [InlineData("policy p { title \"t\" }\nparam a: int = 1\nparam b: int = 2\n")]
    [InlineData("policy p { title \"t\" }\n\nscenario s \"x\" { set a = 1; assume participation elasticity -0.3 }\n")]
    [InlineData("policy p { title \"t\" }\ntest \"t\" { given plan \"a.json\" with { \"fees\": [] } expect compliant }\n")]
    public void Formatting_is_idempotent_and_preserves_tokens(string input)
    {
        var once = Fmt(input);
        Assert.Equal(once, Fmt(once));
        Assert.True(PolicyFormatter.SameContent(SyntaxTree.Parse(input), SyntaxTree.Parse(once), out var difference), difference);
    }

    [Fact]
    public void Citations_align_by_display_width_of_Chinese_text()
    {
        var output = Fmt("policy p { title \"t\" }\nfee {\n  waive 建档立卡 § \"1\"\n  refund prorated § \"2\"\n}\n");
        var lines = output.Split('\n').Where(l => l.Contains('§')).ToList();
        var columns = lines.Select(l => PolicyFormatter.DisplayWidth(l.Substring(0, l.IndexOf('§')))).Distinct().ToList();
        Assert.Single(columns);
    }
}
