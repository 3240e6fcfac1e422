using System.Text.Json.Nodes;
using PolicyLang.Evaluation;
using PolicyLang.Tooling;

namespace PolicyLang.Tests.Compiler;

/// <summary>
/// Every kind of rule the language has, each with a plan that complies and one that breaks it, checked by the
/// compiled validator and by the interpreter. The plans are examples/plans/liuzhou-compliant.json with changes.
/// </summary>
public class RuleKindsTests
{
    private const string Header = "policy kinds {\n  title \"t\"\n  issuer \"i\"\n  effective 2021-09-01\n}\n";

    public static IEnumerable<object[]> Cases() => new (string Kind, string Policy, string Rule, string Complies, string Breaks)[]
    {
        ("window days", "window { days mon..fri § \"1\" }", "window.days", "{}", """{"service": {"days": ["mon", "tue"]}}"""),
        ("window period", "window { period 40 min § \"1\" }", "window.period", "{}", """{"service": {"period_minutes": 45}}"""),
        ("window end within", "window { end within 3..4 periods after dismissal § \"1\" }", "window.end.within", "{}", """{"service": {"dismissal": "16:30"}}"""),
        ("window end not before", "window { end not before 17:30 § \"1\" }", "window.end", "{}", """{"service": {"segments": [{"kind": "homework", "start": "15:30", "end": "17:00"}]}}"""),
        ("window end for a segment", "window { end not after 18:00 for late_care § \"1\" }", "window.end.late_care", "{}", """{"service": {"segments": [{"kind": "late_care", "start": "16:30", "end": "18:30"}]}}"""),
        ("window start", "window { start not before 15:30 § \"1\" }", "window.start", "{}", """{"service": {"segments": [{"kind": "homework", "start": "15:00", "end": "17:00"}]}}"""),
        ("window segment", "window { segment late_care 16:30..18:00 § \"1\" }", "window.segment.late_care", "{}", """{"service": {"segments": [{"kind": "late_care", "start": "16:00", "end": "18:00"}]}}"""),
        ("window duration", "window { at least 2 h per day § \"1\" }", "window.duration", "{}", """{"service": {"segments": [{"kind": "homework", "start": "15:30", "end": "17:00"}]}}"""),
        ("fee cap a month", "fee { cap 120 CNY per student per month § \"1\" }", "fee.cap", "{}", """{"fees": [{"item": "a", "amount": 700, "per": "semester", "segment": null}]}"""),
        ("fee cap a period", "fee { cap 5元/课时 § \"1\" }", "fee.cap", """{"fees": [{"item": "a", "amount": 5, "per": "period", "segment": null}]}""", """{"fees": [{"item": "a", "amount": 12, "per": "day", "segment": null}]}"""),
        ("fee cap for a segment", "fee { cap 50 CNY per student per month for homework § \"1\" }", "fee.cap.homework", """{"fees": [{"item": "a", "amount": 120, "per": "month", "segment": null}]}""", """{"fees": [{"item": "a", "amount": 60, "per": "month", "segment": "homework"}]}"""),
        ("fee cap with an exception", "fee {\n cap general: 150 CNY per student per month § \"1\"\n cap rural: 80 CNY per student per month when school.location == urban exception to general § \"1\"\n}", "fee.cap.rural", """{"fees": [{"item": "a", "amount": 80, "per": "month", "segment": null}]}""", "{}"),
        ("fee waive", "fee { waive registered_poverty § \"1\" }", "fee.waive.registered_poverty", "{}", """{"waivers": []}"""),
        ("fee refund", "fee { refund prorated § \"1\" }", "fee.refund", "{}", """{"refund": "none"}"""),
        ("fee free", "fee { free § \"1\" }", "fee.free", """{"fees": []}""", "{}"),
        ("fee collected by", "fee { collected_by school § \"1\" }", "fee.collected_by", "{}", """{"fees": [{"item": "a", "amount": 100, "per": "month", "segment": null, "collected_by": "third_party"}]}"""),
        ("pay staff share", "pay { staff_share at least 80% of fees + subsidies § \"1\" }", "pay.staff_share", """{"finance": {"staff_pay": 1000000}}""", """{"finance": {"staff_pay": 100}}"""),
        ("pay per period", "pay { third_party at most 200 CNY per period § \"1\" }", "pay.third_party", "{}", """{"providers": [{"kind": "third_party", "count": 1, "pay_per_period": 250}]}"""),
        ("pay finance comparison", "pay { admin_pay_avg at most teacher_pay_avg § \"1\" }", "pay.admin_pay_avg", "{}", """{"finance": {"admin_pay_avg": 9000}}"""),
        ("pay forbid", "pay { forbid management_fee § \"1\" }", "pay.management_fee", "{}", """{"finance": {"management_fee": 100}}"""),
        ("staffing ratio", "staffing { ratio at most 30 students per staff § \"1\" }", "staffing.ratio", "{}", """{"providers": [{"kind": "staff", "count": 3, "pay_per_period": 0}]}"""),
        ("staffing require", "staffing { require approved for third_party § \"1\" }", "staffing.approved.third_party", "{}", """{"providers": [{"kind": "third_party", "count": 1, "pay_per_period": 100, "approved": false}]}"""),
        ("staffing forbid", "staffing { forbid third_party § \"1\" }", "staffing.third_party", """{"providers": []}""", "{}"),
        ("staffing only", "staffing { only {in_service_teacher, third_party} § \"1\" }", "staffing.only", "{}", """{"providers": [{"kind": "volunteer", "count": 1, "pay_per_period": 0}]}"""),
        ("eligibility require", "eligibility { require written_application § \"1\" }", "eligibility.written_application", "{}", """{"participation": {"written_application": false}}"""),
        ("eligibility forbid", "eligibility { forbid compulsory § \"1\" }", "eligibility.compulsory", "{}", """{"participation": {"voluntary": false}}"""),
        ("homework limit", "homework { grades_3_6 at most 60 min § \"1\" }", "homework.grades_3_6", "{}", """{"homework_minutes": {"grades_3_6": 75}}"""),
        ("rule require", "rule r \"r\" § \"1\"\n  require plan.insurance.staff_accident", "r", "{}", """{"insurance": {"staff_accident": false}}"""),
        ("rule forbid", "rule r \"r\" § \"1\"\n  forbid plan.finance.subsidy > 200000 CNY", "r", "{}", """{"finance": {"subsidy": 300000}}"""),
        ("rule forbid any", "rule r \"r\" § \"1\"\n  forbid any a in plan.activities where a.kind == commercial", "r", "{}", """{"activities": [{"name": "x", "kind": "commercial"}]}"""),
        ("rule require all satisfy", "rule r \"r\" § \"1\"\n  require all p in plan.providers where p.kind == third_party satisfy p.whitelisted", "r", "{}", """{"providers": [{"kind": "third_party", "count": 1, "pay_per_period": 1, "whitelisted": false}]}"""),
        ("rule require all where", "rule r \"r\" § \"1\"\n  require all f in plan.fees where f.amount <= 150 CNY", "r", "{}", """{"fees": [{"item": "a", "amount": 160, "per": "month", "segment": null}]}"""),
        ("rule require no", "rule r \"r\" § \"1\"\n  require no a in plan.activities where a.kind == new_lesson", "r", "{}", """{"activities": [{"name": "x", "kind": "new_lesson"}]}"""),
        ("rule aggregates", "rule r \"r\" § \"1\"\n  require sum(p.count for p in plan.providers) >= 10 and count(plan.activities) >= 1 and max(p.pay_per_period for p in plan.providers) <= 300 CNY per period", "r", "{}", """{"activities": []}"""),
        ("rule when", "rule r \"r\" § \"1\" when school.location == urban\n  require plan.participation.participants >= 100", "r", """{"school": {"location": "rural"}, "participation": {"participants": 5}}""", """{"participation": {"participants": 5}}"""),
        ("rule by category", "rule r \"r\" § \"1\"\n  require plan.participation.by_category[disabled] <= 5", "r", "{}", """{"participation": {"by_category": {"disabled": 9}}}"""),
        ("rule conversion", "rule r \"r\" § \"1\"\n  require all f in plan.fees satisfy f.monthly as CNY per student per semester <= 600 CNY per student per semester", "r", "{}", """{"fees": [{"item": "a", "amount": 130, "per": "month", "segment": null}]}"""),
        ("rule conditional", "rule r \"r\" § \"1\"\n  require plan.finance.staff_pay >= (if school.ownership == public then 50% else 70%) of plan.finance.fee_revenue", "r", "{}", """{"finance": {"staff_pay": 10000}}"""),
        ("rule time arithmetic", "rule r \"r\" § \"1\"\n  require plan.service.end >= plan.service.dismissal + 2 h", "r", "{}", """{"service": {"segments": [{"kind": "homework", "start": "15:30", "end": "16:30"}]}}"""),
    }.Select(c => new object[] { c.Kind, c.Policy, c.Rule, c.Complies, c.Breaks });

    private static SchoolPlan Plan(string overlay)
    {
        var baseJson = JsonNode.Parse(File.ReadAllText(Repo.Path("examples", "plans", "liuzhou-compliant.json")));
        var json = PlanDocuments.Overlay(baseJson, JsonNode.Parse(overlay));
        var read = PlanReader.Parse(json!.ToJsonString());
        Assert.True(read.Success, string.Join("\n", read.Errors));
        return read.Plan!;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_kind_holds_for_a_complying_plan_and_fails_for_a_breaking_one(string kind, string policy, string rule, string complies, string breaks)
    {
        var compilation = TestHelpers.Compile(Header + policy + "\n");
        Assert.True(compilation.Diagnostics.IsEmpty, kind + "\n" + TestHelpers.Render(compilation.Diagnostics));
        var compiled = CompiledPolicy.Compile(compilation.Policy).CreateValidator(compilation.Policy.Symbol.Effective);
        var interpreted = new PolicyInterpreter(compilation.Policy, compilation.Policy.Symbol.Effective);
        foreach (var validator in new IPlanValidator[] { compiled, interpreted })
        {
            var good = validator.Validate(Plan(complies));
            Assert.True(!good.Violations.Any(v => v.RuleId == rule), $"{kind} ({validator.GetType().Name}): {string.Join("; ", good.Violations)}");
            var bad = validator.Validate(Plan(breaks));
            var violation = bad.Violations.FirstOrDefault(v => v.RuleId == rule);
            Assert.True(violation is not null, $"{kind} ({validator.GetType().Name}) was not broken: {string.Join("; ", bad.Violations)}");
            Assert.Equal("1", violation!.Citation);
        }
    }
}
