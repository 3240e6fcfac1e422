using PolicyLang.Simulation.Data;

namespace PolicyLang.Simulation.Model;

/// <summary>
/// The standard model's measures for every school of one scenario (design/data.md), per school year, CNY.
/// Index i is school i of the <see cref="DistrictData"/>.
/// </summary>
public sealed class SchoolMeasures
{
    public SchoolMeasures(int schools)
        : this(MeasureColumn.Empty(schools), new decimal[schools], new decimal[schools], new decimal[schools], new decimal[schools],
            new decimal[schools], new decimal[schools], new decimal[schools], new bool[schools])
    {
    }

    /// <summary>The measures as the given columns (kept, not copied), each with a value for every school.</summary>
    public SchoolMeasures(MeasureColumn cap, decimal[] chargedFee, decimal[] participants, decimal[] waived, decimal[] familyPayments,
        decimal[] subsidyCost, decimal[] schoolRevenue, decimal[] staffPool, bool[] noncompliant)
    {
        var schools = cap.Count;
        if (new[] { chargedFee.Length, participants.Length, waived.Length, familyPayments.Length, subsidyCost.Length, schoolRevenue.Length,
                staffPool.Length, noncompliant.Length }.Any(n => n != schools))
            throw new ArgumentException("every measure needs a value for every school");
        Cap = cap;
        ChargedFee = chargedFee;
        Participants = participants;
        Waived = waived;
        FamilyPayments = familyPayments;
        SubsidyCost = subsidyCost;
        SchoolRevenue = schoolRevenue;
        StaffPool = staffPool;
        Noncompliant = noncompliant;
    }

    /// <summary>The fee cap for the school, CNY per student per month; null when no cap applies.</summary>
    public MeasureColumn Cap { get; }
    /// <summary>CNY per student per month the school charges under the scenario.</summary>
    public decimal[] ChargedFee { get; }
    public decimal[] Participants { get; }
    /// <summary>Participants whose fee is waived (scaled with participation).</summary>
    public decimal[] Waived { get; }
    public decimal[] FamilyPayments { get; }
    public decimal[] SubsidyCost { get; }
    public decimal[] SchoolRevenue { get; }
    public decimal[] StaffPool { get; }
    public bool[] Noncompliant { get; }
    /// <summary>Measures a district defines beyond the standard model, by name.</summary>
    public Dictionary<string, MeasureColumn> Extra { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether every measure is here for every school (true unless the simulation kept only what the terminal report
    /// shows: <see cref="SimulationOptions.PerSchool"/>; then the charged fee and the waived participants read as 0 and
    /// the policy's own measures are not here).
    /// </summary>
    public bool PerSchool { get; init; } = true;
}

/// <summary>Sums of a scenario over all schools; money rounded to the fen.</summary>
public sealed class Totals
{
    public decimal Participants { get; init; }
    public decimal FamilyPayments { get; init; }
    public decimal SubsidyCost { get; init; }
    public decimal SchoolRevenue { get; init; }
    public decimal StaffPool { get; init; }
    public int NoncompliantSchools { get; init; }

    /// <summary>The totals under their JSON names (participants, family_payments, …).</summary>
    public IReadOnlyList<(string Name, decimal Value)> Named => new[]
    {
        ("participants", Participants),
        ("family_payments", FamilyPayments),
        ("subsidy_cost", SubsidyCost),
        ("school_revenue", SchoolRevenue),
        ("staff_pool", StaffPool),
        ("noncompliant_schools", (decimal)NoncompliantSchools),
    };

    public static Totals Of(SchoolMeasures m)
    {
        decimal participants = 0, family = 0, subsidy = 0, revenue = 0, pool = 0;
        var noncompliant = 0;
        for (var i = 0; i < m.Participants.Length; i++)
        {
            participants += m.Participants[i];
            family += m.FamilyPayments[i];
            subsidy += m.SubsidyCost[i];
            revenue += m.SchoolRevenue[i];
            pool += m.StaffPool[i];
            if (m.Noncompliant[i]) noncompliant++;
        }
        static decimal Fen(decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero);
        return new Totals
        {
            Participants = participants,
            FamilyPayments = Fen(family),
            SubsidyCost = Fen(subsidy),
            SchoolRevenue = Fen(revenue),
            StaffPool = Fen(pool),
            NoncompliantSchools = noncompliant,
        };
    }

    public Totals Minus(Totals b) => new()
    {
        Participants = Participants - b.Participants,
        FamilyPayments = FamilyPayments - b.FamilyPayments,
        SubsidyCost = SubsidyCost - b.SubsidyCost,
        SchoolRevenue = SchoolRevenue - b.SchoolRevenue,
        StaffPool = StaffPool - b.StaffPool,
        NoncompliantSchools = NoncompliantSchools - b.NoncompliantSchools,
    };
}

/// <summary>One scenario (or the baseline) simulated over the district.</summary>
public sealed class ScenarioResult
{
    public ScenarioResult(string name, string? label, SchoolMeasures schools)
    {
        Name = name;
        Label = label;
        Schools = schools;
        Totals = Totals.Of(schools);
    }

    public string Name { get; }
    public string? Label { get; }
    public SchoolMeasures Schools { get; }
    public Totals Totals { get; }
    /// <summary>For a sweep: the swept parameter's value in this scenario.</summary>
    public decimal? SweepValue { get; init; }
}

/// <summary>Baseline and scenarios over one district, for one policy.</summary>
public sealed class SimulationResult
{
    public SimulationResult(string policy, DistrictData data, ScenarioResult baseline, IReadOnlyList<ScenarioResult> scenarios)
    {
        Policy = policy;
        Data = data;
        Baseline = baseline;
        Scenarios = scenarios;
    }

    public string Policy { get; }
    public DistrictData Data { get; }
    public ScenarioResult Baseline { get; }
    public IReadOnlyList<ScenarioResult> Scenarios { get; }
    /// <summary>The parameter a sweep varied (its id), when the scenarios are a sweep.</summary>
    public string? SweepParameter { get; init; }
    public string? SweepUnit { get; init; }

    /// <summary>Baseline first, then the scenarios.</summary>
    public IEnumerable<ScenarioResult> All => new[] { Baseline }.Concat(Scenarios);

    /// <summary>Throws unless every measure of every school was kept (what a per-school output or the HTML report writes).</summary>
    public void RequirePerSchool(string output)
    {
        if (All.Any(s => !s.Schools.PerSchool))
            throw new InvalidOperationException($"{output} needs every measure of every school; this simulation kept only what the terminal report shows");
    }
}
