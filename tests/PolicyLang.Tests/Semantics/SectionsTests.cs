using static PolicyLang.Tests.AnnotatedText;

namespace PolicyLang.Tests.Semantics;

/// <summary>Section lines, cap conditions, extends: small policies with the expected finding marked.</summary>
public class SectionsTests
{
    [Fact]
    public void Caps_whose_conditions_can_both_hold_conflict()
    {
        var c = AssertDiagnostics(Header + """
            fee {
              ⟦cap a: 120 CNY per student per month when school.ownership == public § "1"⟧
              ⟦cap b: 80 CNY per student per month when school.location == township § "1"⟧
            }
            """, "PL0301", "PL0300");
        Assert.Contains("ownership = private", c.Diagnostics[0].Message);
        Assert.Contains("line 7", c.Diagnostics[1].Message);
        Assert.Contains("ownership = public", c.Diagnostics[1].Message);
        Assert.Contains("location = township", c.Diagnostics[1].Message);
    }

    [Fact]
    public void An_exception_resolves_the_conflict()
    {
        AssertDiagnostics(Header + """
            fee {
              cap general: 120 CNY per student per month § "1"
              cap township: 80 CNY per student per month when school.location == township exception to general § "1"
            }
            """);
    }

    [Fact]
    public void Caps_in_different_units_apply_together_without_conflict()
    {
        AssertDiagnostics(Header + """
            fee {
              cap 5 CNY per period § "1"
              cap 10 CNY per student per day § "1"
            }
            """);
    }

    [Fact]
    public void Schools_in_scope_that_no_cap_covers_get_a_warning()
    {
        var c = AssertDiagnostics(Header.Replace("}", "  applies school.stage == primary\n}") + """
            fee {
              ⟦cap 120 CNY per student per month when school.location == urban § "1"⟧
            }
            """, "PL0301");
        Assert.Contains("location = county_town", c.Diagnostics[0].Message);
    }

    [Fact]
    public void Cap_none_covers_the_rest()
    {
        AssertDiagnostics(Header + """
            fee {
              cap 120 CNY per student per month when school.location == urban § "1"
              cap none when school.location != urban § "1"
            }
            """);
    }

    [Fact]
    public void A_cap_that_can_never_apply_in_scope_is_flagged()
    {
        AssertDiagnostics(Header.Replace("}", "  applies school.ownership == public\n}") + """
            fee {
              ⟦cap 120 CNY per student per month when ⟦school.ownership == private⟧ § "1"⟧
            }
            """, "PL0301", "PL0306");
    }

    [Fact]
    public void Unknown_section_items_list_what_is_allowed()
    {
        var c = AssertDiagnostics(Header + """
            homework {
              ⟦grade_3_6⟧ at most 60 min § "1"
            }
            """, "PL0110");
        Assert.Contains("did you mean 'grades_3_6'", c.Diagnostics[0].Message);
    }

    [Fact]
    public void Section_lines_without_a_citation_are_flagged()
    {
        AssertDiagnostics(Header + """
            fee {
              ⟦cap⟧ 100 CNY per student per month
            }
            """, "PL0121");
    }

    [Fact]
    public void A_free_service_cannot_also_have_a_positive_cap()
    {
        AssertDiagnostics(Header + """
            fee {
              free § "1"
              ⟦cap 100 CNY per student per month § "1"⟧
            }
            """, "PL0305");
    }

    [Fact]
    public void Scenario_targets_must_name_one_value()
    {
        AssertDiagnostics(Header + """
            fee {
              cap a: 120 CNY per student per month when school.location == urban § "1"
              cap b: 80 CNY per student per month when school.location != urban § "1"
            }
            scenario s "s" {
              set ⟦fee.cap⟧ = 100 CNY per student per month
              set ⟦fee.cpa⟧ = 100 CNY per student per month
            }
            """, "PL0119", "PL0118");
    }

    [Fact]
    public void A_scenario_value_must_have_the_parameter_unit()
    {
        AssertDiagnostics(Header + """
            fee {
              cap 120 CNY per student per month § "1"
            }
            scenario s "s" {
              set fee.cap = ⟦600 CNY per student per semester⟧
            }
            """, "PL0202");
    }

    [Fact]
    public void Section_lines_become_rules_with_stable_ids()
    {
        var c = TestHelpers.Compile(Header + """
            window {
              end not before 17:30 § "1"
              end urban: not before 18:30 when school.location == urban § "1"
              end not after 20:30 for evening_study § "1"
            }
            fee {
              cap urban: 180 CNY per student per month when school.location == urban § "2"
              cap none when school.location != urban § "2"
              waive registered_poverty, minimum_living § "2"
            }
            pay {
              staff_share at least 80% of fees + subsidies § "3"
            }
            """);
        Assert.Empty(c.Diagnostics);
        var ids = c.Policy.Rules.Select(r => r.Id).ToList();
        // In the order the policy states them.
        Assert.Equal(new[] { "window.end", "window.end.urban", "window.end.evening_study", "fee.cap.urban", "fee.waive.registered_poverty", "fee.waive.minimum_living", "pay.staff_share" }, ids);
        Assert.All(c.Policy.Rules, r => Assert.NotNull(r.Citation));
        Assert.Equal("pay.staff_share", c.Policy.StaffShare!.Name);
    }
}
