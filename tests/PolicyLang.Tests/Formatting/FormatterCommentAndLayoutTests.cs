using PolicyLang.Syntax;
using PolicyLang.Syntax.Formatting;

namespace PolicyLang.Tests.Formatting;

/// <summary>
/// Block comments over several lines, comments inside a line, dated parameters, trailing commas and broken
/// input: each text formats to the expected text, which re-parses to the same tokens and comments
/// (<see cref="PolicyFormatter.SameContent"/>, the check policyc fmt makes before writing) and formats to itself.
/// </summary>
public class FormatterCommentAndLayoutTests
{
    private static string Lf(string text) => text.Replace("\r\n", "\n");

    private static void AssertFormats(string input, string expected)
    {
        var tree = SyntaxTree.Parse(input, "fmt.policy");
        Assert.False(tree.HasErrors, string.Join("\n", tree.Diagnostics));
        var formatted = PolicyFormatter.Format(tree);
        Assert.Equal(Lf(expected), formatted);
        var reparsed = SyntaxTree.Parse(formatted, "fmt.policy");
        Assert.False(reparsed.HasErrors, string.Join("\n", reparsed.Diagnostics));
        Assert.True(PolicyFormatter.SameContent(tree, reparsed, out var difference), difference);
        Assert.Equal(formatted, PolicyFormatter.Format(reparsed));
    }

    [Fact]
    public void A_block_comment_over_several_lines_is_kept_exactly_as_written()
    {
        var input = """
            /* 课后服务
               收费标准 */
            policy p {
              title "t"
                /* 说明：
                     内部缩进保留 */
              issuer "i"
            }
            """;
        var expected = """
            /* 课后服务
               收费标准 */
            policy p {
              title  "t"
              /* 说明：
                     内部缩进保留 */
              issuer "i"
            }

            """;
        AssertFormats(Lf(input), expected);
    }

    [Fact]
    public void Line_breaks_inside_a_block_comment_become_line_feeds_like_the_rest_of_the_file()
    {
        var input = "/* a\r\n   b */\r\npolicy p {\r\n  title \"t\" // x  \r\n}\r\n";
        AssertFormats(input, "/* a\n   b */\npolicy p {\n  title \"t\"  // x\n}\n");
    }

    [Fact]
    public void Nothing_follows_a_block_comment_over_several_lines_on_its_printed_line()
    {
        // The comments after it move to lines of their own, in order; the empty line inside the first comment
        // is not a blank line before the second.
        var input = """
            policy p { title "t" }
            rule r "r" § "1"
              require /* a

            */ /* b */ x // c
            """;
        var expected = """
            policy p {
              title "t"
            }

            rule r "r" § "1"
              require x  /* a

            */
            /* b */
            // c

            """;
        AssertFormats(Lf(input), expected);
    }

    [Fact]
    public void A_block_comment_over_several_lines_inside_a_block_item_ends_that_line()
    {
        var input = """
            policy p { title "t" }
            fee {
              cap 100 CNY per student per month /* 上限
                 说明 */ § "七" // 末尾
              refund prorated § "七"
            }
            """;
        var expected = """
            policy p {
              title "t"
            }

            fee {
              cap    100 CNY per student per month  § "七"  /* 上限
                 说明 */
              // 末尾
              refund prorated                       § "七"
            }

            """;
        AssertFormats(Lf(input), expected);
    }

    [Fact]
    public void A_parameter_with_dated_values_takes_several_lines_and_a_blank_line_after_it()
    {
        var input = """
            policy p { title "t" }
            param a: time = 17:30 from 2022-09-01: 17:45 § "1"
            param b: time = 18:00 § "1"
            param c: time = 18:00 § "1"
            """;
        var expected = """
            policy p {
              title "t"
            }

            param a: time = 17:30
              from 2022-09-01: 17:45 § "1"

            param b: time = 18:00 § "1"
            param c: time = 18:00 § "1"

            """;
        AssertFormats(Lf(input), expected);
    }

    [Fact]
    public void Trailing_commas_in_sets_and_inline_plans_are_dropped()
    {
        var input = """
            policy p { title "t" }
            param s: set of text = {"a", "b", } § "1"
            test "t" {
              given plan "p.json" with { "service": { "days": ["mon", "tue", ], }, }
              expect compliant
            }
            """;
        var expected = """
            policy p {
              title "t"
            }

            param s: set of text = {"a", "b"} § "1"

            test "t" {
              given plan "p.json" with { "service": { "days": ["mon", "tue"] } }
              expect compliant
            }

            """;
        AssertFormats(Lf(input), expected);
    }

    [Theory]
    [InlineData("test {\ngiven plan with ")]
    [InlineData("test \"t\" { given plan with }")]
    [InlineData("test \"t\" { given plan { \"a\": , \"b\": [1, , ] } with")]
    [InlineData("policy p { applies }\nrule r \"r\" § \"1\"\n  when\n")]
    [InlineData("fee { cap base: when 例外于 }\nwindow { end within after ; start not }\nhomework { at least }")]
    [InlineData("param a: = from 2022-01-01: from\nmeasure m: =\nscenario s { set = ; assume }")]
    [InlineData("rule r \"r\" § \"1\"\n  require all x in where satisfy and sum( for in ) /* a\n */ // b")]
    public void Broken_input_formats_without_throwing(string input)
    {
        var tree = SyntaxTree.Parse(input, "fmt.policy");
        Assert.True(tree.HasErrors);
        _ = PolicyFormatter.Format(tree);
    }
}
