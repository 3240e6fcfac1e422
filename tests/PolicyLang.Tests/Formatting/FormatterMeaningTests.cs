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
}
