using static PolicyLang.Tests.AnnotatedText;

namespace PolicyLang.Tests.Semantics;

/// <summary>Types with units: each case is a small policy with the mistake marked.</summary>
public class UnitsAndTypesTests
{
    [Fact]
    public void Comparing_a_monthly_rate_with_a_semester_rate_is_an_error_with_a_conversion_hint()
    {
        var c = AssertDiagnostics(Header + """
            param monthly: CNY per student per month = 100 CNY per student per month § "1"
            rule r "r" § "1"
              require plan.finance.fee_revenue >= 0 CNY and monthly ⟦<=⟧ 600 CNY per student per semester
            """, "PL0202");
        var message = c.Diagnostics[0].Message;
        Assert.Contains("as CNY per student per month", message);
        Assert.Contains("≈ 120 CNY per student per month", message);
    }

    [Fact]
    public void An_explicit_conversion_through_the_calendar_is_accepted()
    {
        AssertDiagnostics(Header + """
            param monthly: CNY per student per month = 100 CNY per student per month § "1"
            param semester: CNY per student per semester = monthly as CNY per student per semester § "1"
            """);
    }

    [Fact]
    public void A_time_of_day_is_not_a_duration()
    {
        var c = AssertDiagnostics(Header + """
            window {
              end not before ⟦2 h⟧ § "1"
            }
            """, "PL0203");
        Assert.Contains("dismissal + 2 h", c.Diagnostics[0].Message);
    }

    [Fact]
    public void Comparing_a_time_with_a_duration_gives_a_fix_hint()
    {
        var c = AssertDiagnostics(Header + """
            rule r "r" § "1"
              require plan.service.end ⟦>=⟧ 2 h
            """, "PL0203");
        Assert.Contains("dismissal + 2 h", c.Diagnostics[0].Message);
    }

    [Fact]
    public void Two_times_of_day_cannot_be_added()
    {
        AssertDiagnostics(Header + """
            rule r "r" § "1"
              require plan.service.end >= ⟦plan.service.dismissal + 18:00⟧
            """, "PL0201");
    }

    [Fact]
    public void A_time_plus_periods_is_a_time()
    {
        AssertDiagnostics(Header + """
            rule r "r" § "1"
              require plan.service.end <= plan.service.dismissal + 2 periods
            """);
    }

    [Fact]
    public void Percent_of_an_amount_is_an_amount()
    {
        AssertDiagnostics(Header + """
            rule r "r" § "1"
              require plan.finance.staff_pay >= 80% of (plan.finance.fee_revenue + plan.finance.subsidy)
            """);
    }

    [Fact]
    public void A_condition_must_be_true_or_false()
    {
        AssertDiagnostics(Header + """
            rule r "r" § "1"
              require ⟦plan.participation.participants⟧
            """, "PL0204");
    }

    [Fact]
    public void Unknown_fields_suggest_the_closest_name()
    {
        var c = AssertDiagnostics(Header + """
            rule r "r" § "1"
              require plan.participation.⟦voluntry⟧
            """, "PL0102");
        Assert.Contains("did you mean 'voluntary'", c.Diagnostics[0].Message);
    }

    [Fact]
    public void Enum_members_are_checked_against_the_field_and_accept_Chinese_names()
    {
        AssertDiagnostics(Header + """
            rule r "r" § "1"
              require school.location in {城区, urban} and school.location != ⟦urbn⟧
            """, "PL0103");
    }

    [Fact]
    public void A_list_cannot_be_read_like_a_record()
    {
        AssertDiagnostics(Header + """
            rule r "r" § "1"
              require plan.fees.⟦amount⟧ > 0 CNY
            """, "PL0212");
    }

    [Fact]
    public void Quantifiers_and_aggregates_bind_their_variable()
    {
        AssertDiagnostics(Header + """
            rule r "r" § "1"
              require all p in plan.providers where p.kind == third_party satisfy p.whitelisted and p.approved
            rule s "s" § "1"
              require sum(p.count for p in plan.providers where p.kind in {in_service_teacher, staff}) >= count(plan.activities)
            """);
    }

    [Fact]
    public void A_parameter_value_must_not_read_the_plan()
    {
        AssertDiagnostics(Header + """
            param x: int = ⟦plan⟧.participation.participants § "1"
            """, "PL0126");
    }

    [Fact]
    public void Parameters_that_depend_on_each_other_in_a_circle_are_an_error()
    {
        AssertDiagnostics(Header + """
            param ⟦a⟧: int = b § "1"
            param b: int = a § "1"
            """, "PL0125");
    }

    [Fact]
    public void Dated_values_must_increase()
    {
        AssertDiagnostics(Header + """
            param fee_cap: CNY per student per month = 100 CNY per student per month
              from 2023-09-01: 120 CNY per student per month
              from ⟦2022-09-01⟧: 110 CNY per student per month § "1"
            """, "PL0124");
    }

    [Fact]
    public void A_dated_value_applies_from_its_date()
    {
        var c = TestHelpers.Compile(Header + """
            param fee_cap: CNY per student per month = 100 CNY per student per month
              from 2023-09-01: 120 CNY per student per month § "1"
            """);
        var p = c.Policy.FindParameter("fee_cap")!;
        Assert.True(PolicyLang.Evaluation.ConstantFolder.TryFold(p.ValueAt(new DateTime(2023, 8, 31)), out var before));
        Assert.True(PolicyLang.Evaluation.ConstantFolder.TryFold(p.ValueAt(new DateTime(2023, 9, 1)), out var after));
        Assert.Equal(100m, before);
        Assert.Equal(120m, after);
    }
}
