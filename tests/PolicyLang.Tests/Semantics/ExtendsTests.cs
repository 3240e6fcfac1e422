using PolicyLang.Syntax;

namespace PolicyLang.Tests.Semantics;

/// <summary>A policy that extends another may only tighten it.</summary>
public class ExtendsTests
{
    private const string Province = """
        policy province {
          title "省级规定"
          issuer "省教育厅"
          level province
          effective 2020-09-01
        }
        window {
          end not before 17:30 § "省二"
        }
        fee {
          cap 300 CNY per student per semester § "省四"
        }
        pay {
          staff_share at least 80% of fees + subsidies § "省五"
        }
        homework {
          grades_3_6 at most 60 min § "省六"
        }
        """;

    private static Compilation CompileChild(string child)
    {
        var parent = SyntaxTree.Parse(Province, "/virtual/province.policy");
        var tree = SyntaxTree.Parse(child, "/virtual/child.policy");
        return Compilation.Create(tree, new FileSystemPolicyResolver(new[] { parent, tree }));
    }

    private static string Child(string body) => """
        policy child {
          title "区级方案"
          issuer "区教育局"
          level district
          effective 2021-09-01
          extends province
        }

        """ + body;

    [Fact]
    public void A_tighter_child_is_accepted_and_inherits_the_parent_rules()
    {
        var c = CompileChild(Child("""
            fee {
              cap 50 CNY per student per month § "区三"
            }
            window {
              end not before 18:00 § "区二"
            }
            """));
        Assert.Empty(c.Diagnostics);
        var ids = c.Policy.Rules.Select(r => r.Id).ToList();
        Assert.Contains("fee.cap", ids);
        Assert.Equal(2, ids.Count(i => i == "fee.cap"));
        Assert.Contains(c.Policy.Rules, r => r.Id == "pay.staff_share" && r.Policy!.Name == "province");
    }

    [Fact]
    public void A_looser_cap_names_both_clauses()
    {
        var c = CompileChild(Child("""
            fee {
              cap 70 CNY per student per month § "区三"
            }
            """));
        var d = Assert.Single(c.Diagnostics);
        Assert.Equal("PL0302", d.Code);
        Assert.Contains("§ 区三", d.Message);
        Assert.Contains("§ 省四", d.Message);
        Assert.Contains("≈ 350 CNY per student per semester", d.Message);
    }

    [Fact]
    public void An_earlier_required_end_names_both_clauses()
    {
        var c = CompileChild(Child("""
            window {
              end not before 17:00 § "区二"
            }
            """));
        var d = Assert.Single(c.Diagnostics);
        Assert.Equal("PL0303", d.Code);
        Assert.Contains("§ 区二", d.Message);
        Assert.Contains("§ 省二", d.Message);
    }

    [Fact]
    public void A_lower_staff_share_or_a_longer_homework_limit_is_looser()
    {
        var c = CompileChild(Child("""
            pay {
              staff_share at least 70% of fees + subsidies § "区五"
            }
            homework {
              grades_3_6 at most 90 min § "区六"
            }
            """));
        Assert.Equal(new[] { "PL0304", "PL0304" }, c.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void An_unknown_parent_and_a_cycle_are_reported()
    {
        var unknown = Compilation.Create(SyntaxTree.Parse(Child("").Replace("extends province", "extends provnce"), "/virtual/c.policy"),
            new FileSystemPolicyResolver(Array.Empty<SyntaxTree>()));
        Assert.Equal("PL0114", Assert.Single(unknown.Diagnostics).Code);

        var a = SyntaxTree.Parse("policy a { title \"a\" issuer \"i\" effective 2020-01-01 extends b }", "/virtual/a.policy");
        var b = SyntaxTree.Parse("policy b { title \"b\" issuer \"i\" effective 2020-01-01 extends a }", "/virtual/b.policy");
        var cycle = Compilation.Create(a, new FileSystemPolicyResolver(new[] { a, b }));
        Assert.Contains(cycle.Diagnostics, d => d.Code == "PL0115");
    }
}
