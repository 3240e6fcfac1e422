using PolicyLang.LanguageServer.Features.Completion;
using static PolicyLang.Tests.LanguageServer.LspClient;

namespace PolicyLang.Tests.LanguageServer;

/// <summary>Completion by context; the cursor ‸ is marked in each policy text, the expected labels beside it.</summary>
public sealed class CompletionTests
{
    private const string Header = "policy p {\n  title \"t\"\n  issuer \"i\"\n  effective 2021-09-01\n}\n";

    private static async Task<string[]> Labels(string marked, string? locale = null)
    {
        var text = MarkedText.Parse(marked);
        await using var client = await StartAsync(locale);
        var uri = await client.OpenAsync("complete.policy", text.Text);
        var list = await client.RequestAsync<CompletionList>("textDocument/completion", new CompletionParams(Doc(uri), text.CursorPosition));
        return list.Items.OrderBy(i => i.SortText ?? i.Label, StringComparer.Ordinal).Select(i => i.Label).ToArray();
    }

    [Fact]
    public async Task Inside_fee_it_offers_the_fee_keywords_in_both_languages()
    {
        var labels = await Labels(Header + "fee {\n  ‸\n}\n");
        Assert.Contains("cap", labels);
        Assert.Contains("waive", labels);
        Assert.Contains("refund", labels);
        Assert.Contains("free", labels);
        Assert.Contains("collected_by", labels);
        Assert.Contains("减免", labels);
        Assert.DoesNotContain("days", labels); // a window keyword
        Assert.DoesNotContain("param", labels);
    }

    [Fact]
    public async Task A_Chinese_client_gets_the_Chinese_spelling_first()
    {
        var labels = await Labels(Header + "fee {\n  ‸\n}\n", "zh-CN");
        Assert.True(Array.IndexOf(labels, "减免") < Array.IndexOf(labels, "waive"), string.Join(", ", labels));
    }

    [Fact]
    public async Task At_the_top_level_it_offers_declarations()
    {
        var labels = await Labels(Header + "‸\n");
        Assert.Contains("param", labels);
        Assert.Contains("rule", labels);
        Assert.Contains("scenario", labels);
        Assert.Contains("window", labels);
        Assert.Contains("规则", labels);
        Assert.DoesNotContain("cap", labels);
    }

    [Fact]
    public async Task In_the_header_it_offers_header_keywords()
    {
        var labels = await Labels("policy p {\n  title \"t\"\n  ‸\n}\n");
        Assert.Contains("issuer", labels);
        Assert.Contains("extends", labels);
        Assert.Contains("施行", labels);
    }

    [Fact]
    public async Task After_plan_dot_it_offers_the_plan_schema()
    {
        var labels = await Labels(Header + "rule r § \"一\"\n  require plan.‸\n");
        Assert.Contains("school", labels);
        Assert.Contains("service", labels);
        Assert.Contains("insurance", labels);
        Assert.Contains("activities", labels);
    }

    [Fact]
    public async Task After_school_dot_and_nested_fields()
    {
        Assert.Contains("stage", await Labels(Header + "rule r § \"一\"\n  require school.‸\n"));
        Assert.Contains("staff_accident", await Labels(Header + "rule r § \"一\"\n  require plan.insurance.‸\n"));
    }

    [Fact]
    public async Task After_a_quantifier_variable_dot_it_offers_the_elements_fields()
    {
        var labels = await Labels(Header + "rule r § \"一\"\n  forbid any a in plan.activities where a.‸kind == commercial\n");
        Assert.Contains("kind", labels);
    }

    [Fact]
    public async Task After_a_comparison_with_an_enum_field_it_offers_that_enums_members()
    {
        var labels = await Labels(Header + "rule r § \"一\"\n  forbid any a in plan.activities where a.kind == ‸\n");
        Assert.Contains("commercial", labels);
        Assert.Contains("new_lesson", labels);
        Assert.DoesNotContain("primary", labels); // a stage, not an activity kind
        var stages = await Labels(Header + "rule r § \"一\"\n  require school.stage in {primary, ‸}\n");
        Assert.Contains("junior", stages);
    }

    [Fact]
    public async Task After_a_number_it_offers_units()
    {
        var labels = await Labels(Header + "param c: money per student per month = 120 ‸\n");
        Assert.Contains("元/生/月", labels);
        Assert.Contains("CNY per student per month", labels);
    }

    [Fact]
    public async Task In_an_expression_it_offers_parameters_and_measures_and_functions()
    {
        var labels = await Labels(Header + "param office_close: time = 17:30 § \"一\"\nrule r § \"一\"\n  require plan.service.end >= ‸\n");
        Assert.Contains("office_close", labels);
        Assert.Contains("min", labels);
        Assert.Contains("and", labels);
        Assert.DoesNotContain("cap_for_school", labels); // model functions are for measures
    }

    [Fact]
    public async Task In_a_scenario_set_it_offers_section_values()
    {
        var text = File.ReadAllText(Repo.Path("examples", "liuzhou-2022.policy"));
        var marked = text.Replace("set fee.cap.urban = 150 元/生/月", "set fee.cap.‸", StringComparison.Ordinal);
        var labels = await Labels(marked);
        Assert.Contains("urban", labels);
        Assert.Contains("township", labels);
    }

    [Fact]
    public async Task After_expect_violation_it_offers_rule_ids()
    {
        var labels = await Labels(Header + "rule insured § \"一\"\n  require plan.insurance.staff_accident\ntest \"t\" {\n  given plan { }\n  expect violation ‸\n}\n");
        Assert.Contains("insured", labels);
    }
}
