using System.Text.Json.Nodes;
using PolicyLang.Runtime;
using Xunit;

namespace PolicyLang.Tests.Compiler;

/// <summary>
/// The plan reader keeps plans small in memory (validators over thousands of plans are bound by memory traffic):
/// names that recur from plan to plan are shared, counts by grade and category are compact tables that read
/// like dictionaries.
/// </summary>
public class PlanMemoryTests
{
    private static SchoolPlan Read(string file, Action<JsonNode>? change = null)
    {
        var json = JsonNode.Parse(File.ReadAllText(Repo.Path("examples", "plans", file)))!;
        change?.Invoke(json);
        var read = PlanReader.Parse(json.ToJsonString());
        Assert.True(read.Success, string.Join("; ", read.Errors));
        return read.Plan!;
    }

    [Fact]
    public void Recurring_names_are_shared_between_plans_but_a_schools_own_id_and_name_are_not()
    {
        var a = Read("tianjin-compliant.json");
        var b = Read("tianjin-compliant.json");
        Assert.Same(a.School.District, b.School.District);
        Assert.Same(a.Service.Segments[0].Name, b.Service.Segments[0].Name);
        Assert.Same(a.Fees[0].Item, b.Fees[0].Item);
        Assert.Same(a.Activities[1].Name, b.Activities[1].Name);
        Assert.Same(a.Providers[1].Name, b.Providers[1].Name);
        Assert.Equal(a.School.Id, b.School.Id);
        Assert.NotSame(a.School.Id, b.School.Id);
        Assert.NotSame(a.School.Name, b.School.Name);
    }

    [Fact]
    public void A_long_text_is_not_shared()
    {
        var name = new string('课', PlanTexts.MaxLength + 1);
        var a = Read("tianjin-compliant.json", j => j["activities"]![0]!["name"] = name);
        var b = Read("tianjin-compliant.json", j => j["activities"]![0]!["name"] = name);
        Assert.Equal(name, a.Activities[0].Name);
        Assert.NotSame(a.Activities[0].Name, b.Activities[0].Name);
    }

    [Fact]
    public void Counts_by_grade_and_category_read_like_dictionaries_in_the_order_written()
    {
        var plan = Read("tianjin-compliant.json");
        var byGrade = Assert.IsType<CountTable<string>>(plan.Participation.ByGrade);
        Assert.Equal(new[] { "1", "2", "3", "4", "5", "6" }, byGrade.Keys);
        Assert.Equal(new[] { 300, 290, 280, 270, 250, 230 }, byGrade.Values);
        Assert.Equal(280, byGrade["3"]);
        Assert.False(byGrade.TryGetValue("7", out _));
        Assert.Throws<KeyNotFoundException>(() => byGrade["7"]);
        var byCategory = Assert.IsType<CountTable<Category>>(plan.Participation.ByCategory);
        Assert.Equal(2, byCategory.Count);
        Assert.True(byCategory.ContainsKey(Category.MinimumLiving));
        Assert.Equal(21, byCategory[Category.OtherHardship]);
        Assert.False(byCategory.ContainsKey(Category.Disabled));
    }

    [Fact]
    public void A_key_written_twice_keeps_its_place_and_its_last_count()
    {
        var table = new CountTable<string>(new KeyValuePair<string, int>[] { new("1", 5), new("2", 6), new("1", 7) });
        Assert.Equal(new[] { new KeyValuePair<string, int>("1", 7), new KeyValuePair<string, int>("2", 6) }, table);
    }

    [Fact]
    public void A_plan_with_a_hundred_thousand_grades_reads_and_looks_them_up()
    {
        var grades = string.Join(", ", Enumerable.Range(0, 100_000).Select(g => $"\"g{g}\": {g % 50}"));
        var plan = Read("tianjin-compliant.json", j => j["participation"]!["by_grade"] = JsonNode.Parse("{" + grades + ", \"g7\": 99}"));
        var byGrade = plan.Participation.ByGrade!;
        Assert.Equal(100_000, byGrade.Count);
        Assert.Equal(99, byGrade["g7"]);
        Assert.Equal(99_999 % 50, byGrade["g99999"]);
        Assert.False(byGrade.ContainsKey("g100000"));
    }

    [Fact]
    public void A_bad_count_is_still_an_error_at_its_path()
    {
        var read = PlanReader.Parse("""{"participation": {"by_grade": {"1": -3}, "by_category": {"disabled": "x", "nobody": 1}}}""");
        Assert.Contains(read.Errors, e => e.ToString() == "$.participation.by_grade.1: expected a whole number, found -3");
        Assert.Contains(read.Errors, e => e.ToString() == "$.participation.by_category.disabled: expected a whole number, found \"x\"");
        Assert.Contains(read.Errors, e => e.Path == "$.participation.by_category.nobody" && e.English.StartsWith("\"nobody\" is not a", StringComparison.Ordinal));
    }
}
