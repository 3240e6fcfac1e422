using PolicyLang.Runtime;
using SchoolSystem.Policies;

// Validates the example plans with policy classes generated from examples/*.policy at build time.
var plans = args.Length > 0 ? args[0] : Path.Combine("examples", "plans");

var liuzhou = new Liuzhou2022Policy();
Console.WriteLine($"{Liuzhou2022Policy.PolicyInfo.Title} ({Liuzhou2022Policy.PolicyInfo.Rules.Count} rules)");
foreach (var file in Directory.GetFiles(plans, "liuzhou-*.json").OrderBy(f => f, StringComparer.Ordinal))
{
    var read = PlanReader.Read(File.ReadAllBytes(file));
    if (read.Plan is null)
    {
        foreach (var error in read.Errors) Console.WriteLine($"{file}: {error}");
        return 2;
    }
    var report = liuzhou.Validate(read.Plan);
    Console.WriteLine($"{Path.GetFileName(file)}: {(report.IsCompliant ? "compliant" : "not compliant")}");
    foreach (var v in report.Violations)
        Console.WriteLine($"  {v.RuleId} (§ {v.Citation}): {v.Message(Language.English)}");
}

// Typed parameters: what if the township cap were 120 CNY a month?
var township = PlanReader.Read(File.ReadAllBytes(Path.Combine(plans, "liuzhou-noncompliant.json"))).Plan!;
var raised = new Liuzhou2022Policy(Liuzhou2022Policy.Parameters.Default with { FeeCapTownship = MoneyRate.PerStudent(120m, TimeUnit.Month) });
Console.WriteLine($"with a township cap of {raised.Values.FeeCapTownship}: fee.cap.township broken = {raised.Validate(township).Violations.Any(v => v.RuleId == "fee.cap.township")}");

// A policy that extends another checks both: Nanjing's free service and Jiangsu's waivers.
var nanjing = new Nanjing2021Policy();
Console.WriteLine($"nanjing_2021 rules from {string.Join(", ", Nanjing2021Policy.PolicyInfo.Rules.Select(r => r.Policy).Distinct())}");
return 0;
