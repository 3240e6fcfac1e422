using PolicyLang.Syntax;
using PolicyLang.Syntax.Formatting;

namespace PolicyLang.Tests.Formatting;

/// <summary>
/// Formatting changes layout, never meaning: the formatted text parses to the same tree
/// (<see cref="PolicyFormatter.SameContent"/>, which policyc fmt checks before writing) and formats to itself.
/// </summary>
public class FormatterMeaningTests
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
    public void A_severity_before_the_citation_moves_after_it()
    {
        var input = """
            policy p { title "t" }
            window {
              start not before 15:00 warning § "2"
              end not after 18:00 § "2"
            }
            rule r "r" error § "1"
              require x
            """;
        var expected = """
            policy p {
              title "t"
            }

            window {
              start not before 15:00  § "2" warning
              end   not after 18:00   § "2"
            }

            rule r "r" § "1" error
              require x

            """;
        AssertFormats(Lf(input), expected);
    }

    [Fact]
    public void Semicolons_that_change_nothing_are_dropped()
    {
        var input = """
            policy p { title "t"; issuer "i"; }
            param share: percent = 80% § "八";
            rule r "r" § "1" require x;
            scenario s { set a = b; assume participation elasticity -0.3; }
            test "t" { given plan "a.json"; expect compliant; }
            """;
        var expected = """
            policy p {
              title  "t"
              issuer "i"
            }

            param share: percent = 80% § "八"

            rule r "r" § "1"
              require x

            scenario s {
              set a = b
              assume participation elasticity -0.3
            }

            test "t" {
              given plan "a.json"
              expect compliant
            }

            """;
        AssertFormats(Lf(input), expected);
    }

    [Fact]
    public void Semicolons_are_kept_when_the_lines_would_run_together_without_them()
    {
        // Without its ';' the first window line would read "days mon..fri at least 2 h per day", a comparison.
        var input = """
            policy p { title "t"; }
            window {
              days mon..fri; at least 2 h per day
            }
            homework { grades_1_2 at most 0; min at most 5 min § "6" warning; }
            """;
        var expected = """
            policy p {
              title "t";
            }

            window {
              days     mon..fri;
              at least 2 h per day
            }

            homework {
              grades_1_2 at most 0;
              min        at most 5 min  § "6" warning;
            }

            """;
        AssertFormats(Lf(input), expected);
    }

    [Fact]
    public void Lines_that_run_together_are_a_different_tree()
    {
        var separate = SyntaxTree.Parse("window {\n  days mon..fri;\n  at least 2 h per day\n}\n");
        var together = SyntaxTree.Parse("window {\n  days mon..fri\n  at least 2 h per day\n}\n");
        Assert.False(separate.HasErrors || together.HasErrors);
        Assert.False(PolicyFormatter.SameContent(separate, together, out var difference));
        Assert.StartsWith("the tree differs", difference);
    }
}
