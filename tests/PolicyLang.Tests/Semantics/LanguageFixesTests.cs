using PolicyLang.Syntax;
using PolicyLang.Syntax.Formatting;
using static PolicyLang.Tests.AnnotatedText;

namespace PolicyLang.Tests.Semantics;

/// <summary>Behaviours settled after the language reference review; each a small policy and its result.</summary>
public class LanguageFixesTests
{
    [Fact]
    public void A_scenario_may_set_a_parameter_whose_name_starts_with_of()
    {
        AssertDiagnostics(Header + """
            param office_close: time = 17:30 § "1"
            param levels: set of stage = {primary, junior} § "1"
            scenario later "later" {
              set office_close = 18:00
            }
            """);
    }

    [Fact]
    public void Trailing_commas_survive_formatting()
    {
        var text = Header + "param s: set of stage = {primary, junior,} § \"1\"\n";
        var tree = SyntaxTree.Parse(text);
        var formatted = PolicyFormatter.Format(tree);
        Assert.True(PolicyFormatter.SameContent(tree, SyntaxTree.Parse(formatted), out var difference), difference);
    }

    [Fact]
    public void All_without_satisfy_requires_its_where_condition()
    {
        var c = TestHelpers.Compile(Header + """
            rule approved "所有第三方须经审批" § "1"
              require all p in plan.providers where p.approved
            """);
        Assert.Empty(c.Diagnostics);
        var rule = Assert.Single(c.Policy.Rules);
        Assert.Null(rule.Filter);
        Assert.Equal("p.approved", PolicyLang.Binding.BoundTreePrinter.Print(rule.Check));
    }

    [Fact]
    public void Ranges_of_members_may_sit_inside_a_set()
    {
        var c = TestHelpers.Compile(Header + """
            window {
              days {mon, wed..fri} § "1"
            }
            """);
        Assert.Empty(c.Diagnostics);
    }

    [Fact]
    public void A_rate_compares_with_a_percentage()
    {
        AssertDiagnostics(Header + """
            rule participation "参与率不低于一半" § "1"
              require plan.participation.participants / school.students >= 50%
            """);
    }

    [Fact]
    public void A_test_has_one_plan_and_one_expectation()
    {
        AssertDiagnostics(Header + """
            test "t" {
              given plan ⟦"plans/x.json"⟧
              expect compliant
              ⟦expect violation fee⟧
            }
            """, "PL0122", "PL0112");
    }

    [Fact]
    public void Severity_may_come_before_or_after_the_citation()
    {
        var c = TestHelpers.Compile(Header + """
            rule a "a" warning § "1"
              require plan.disclosure.published
            rule b "b" § "1" warning
              require plan.disclosure.published
            """);
        Assert.Empty(c.Diagnostics);
        Assert.All(c.Policy.Rules, r => Assert.Equal(PolicyLang.Symbols.RuleSeverity.Warning, r.Symbol.Severity));
    }

    [Fact]
    public void A_staffing_ratio_may_be_written_without_the_word_ratio()
    {
        var c = TestHelpers.Compile(Header + """
            staffing {
              at most 30 students per staff § "1"
            }
            """);
        Assert.Empty(c.Diagnostics);
        Assert.Equal("staffing.ratio", Assert.Single(c.Policy.Rules).Id);
    }

    [Fact]
    public void Chinese_money_may_be_written_without_spaces()
    {
        var c = TestHelpers.Compile(Header + """
            fee {
              上限 urban: 120元每生每月 当 school.location == urban 依据 "1"
              上限 rural: 600元/学期 当 school.location != urban 依据 "1"
            }
            """);
        Assert.Empty(c.Diagnostics);
        Assert.Equal(new[] { "month", "semester" }, c.Policy.Caps.Select(k => k.Unit!.Unit.ToString()!.ToLowerInvariant()));
    }

    [Fact]
    public void For_has_a_meaning_only_on_some_lines()
    {
        AssertDiagnostics(Header + """
            pay {
              in_service_teacher 80 CNY per period ⟦for⟧ late_care § "1"
            }
            """, "PL0132");
    }
}
