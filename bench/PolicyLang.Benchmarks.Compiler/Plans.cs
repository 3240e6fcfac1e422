using PolicyLang.Runtime;

namespace PolicyLang.Benchmarks.Compiler;

/// <summary>
/// In-memory school plans for a policy, from its district's example plans (examples/plans), varied
/// deterministically, each with its own school id and name. Two mixes: <see cref="Mix.Typical"/> — nine plans in ten are the compliant example with
/// the school's size and participation varied (a district's plans are written to its policy), one in ten is
/// varied freely; <see cref="Mix.Broken"/> — every plan varied freely (fees, times, location, participation,
/// activities, pay, insurance), so most break two or three rules.
/// </summary>
public static class Plans
{
    public enum Mix
    {
        Typical,
        Broken,
    }

    public static List<SchoolPlan> For(string examples, string district, int count, Mix mix = Mix.Broken, int seed = 7)
    {
        var compliant = File.ReadAllBytes(Path.Combine(examples, "plans", district + "-compliant.json"));
        var sources = Directory.EnumerateFiles(Path.Combine(examples, "plans"), district + "-*.json").OrderBy(f => f, StringComparer.Ordinal)
            .Select(File.ReadAllBytes).ToList();
        if (sources.Count == 0) throw new InvalidOperationException($"no plans for {district} under {examples}/plans");
        var random = new Random(seed);
        var plans = new List<SchoolPlan>(count);
        for (var i = 0; i < count; i++)
        {
            var typical = mix == Mix.Typical && random.Next(10) > 0;
            var read = PlanReader.Read(typical ? compliant : sources[i % sources.Count]);
            var plan = read.Plan ?? throw new InvalidOperationException(string.Join("; ", read.Errors));
            // Every school has its own id and name, as a district's plans do.
            plan.School.Id = $"{plan.School.Id}-{i:D5}";
            plan.School.Name = $"{plan.School.Name}{i:D5}";
            if (typical)
            {
                plan.School.Students = random.Next(200, 3000);
                plan.Participation.Participants = random.Next(0, plan.School.Students);
            }
            else
            {
                Vary(plan, random);
            }
            plans.Add(plan);
        }
        return plans;
    }

    private static void Vary(SchoolPlan plan, Random random)
    {
        foreach (var fee in plan.Fees) fee.Amount = random.Next(0, 40) * 5m;
        foreach (var segment in plan.Service.Segments)
            segment.End = new TimeOfDay(segment.End.Minutes + random.Next(-6, 7) * 10);
        plan.School.Location = (SchoolLocation)random.Next(4);
        plan.School.Students = random.Next(200, 3000);
        plan.Participation.Participants = random.Next(0, plan.School.Students);
        plan.Participation.Voluntary = random.Next(10) > 0;
        plan.Insurance.StaffAccident = random.Next(4) > 0;
        if (plan.Activities.Count > 0 && random.Next(5) == 0) plan.Activities[0].Kind = (ActivityKind)random.Next(11);
        foreach (var provider in plan.Providers) provider.PayPerPeriod = random.Next(5, 30) * 10m;
    }
}
