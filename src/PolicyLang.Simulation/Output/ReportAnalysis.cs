using PolicyLang.Simulation.Data;
using PolicyLang.Simulation.Model;

namespace PolicyLang.Simulation.Output;

/// <summary>Schools put into groups (districts, locations, stages), for sums per group.</summary>
internal sealed class Grouping
{
    private Grouping(string[] names, int[] of)
    {
        Names = names;
        Of = of;
        Schools = new int[names.Length];
        foreach (var group in of) Schools[group]++;
    }

    public string[] Names { get; }
    /// <summary>The group of each school.</summary>
    public int[] Of { get; }
    /// <summary>The number of schools in each group.</summary>
    public int[] Schools { get; }
    public int Count => Names.Length;

    /// <summary>Districts in ordinal order of their names; a school without one is in a group named <paramref name="none"/>.</summary>
    public static Grouping ByDistrict(DistrictData data, string none)
    {
        // The loaders give the schools of a district one string, so the schools are told apart by string object first
        // (no text hashed per school), then the objects by their text (two objects of the same text, one group).
        var byObject = new Dictionary<string, int>(ReferenceEqualityComparer.Instance);
        var objects = new List<string>();
        var of = new int[data.SchoolCount];
        string? last = null;
        var lastObject = -1;
        for (var i = 0; i < of.Length; i++)
        {
            var district = data.District[i] ?? string.Empty;
            if (!ReferenceEquals(district, last))
            {
                if (!byObject.TryGetValue(district, out lastObject))
                {
                    lastObject = objects.Count;
                    byObject.Add(district, lastObject);
                    objects.Add(district);
                }
                last = district;
            }
            of[i] = lastObject;
        }
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var groupOf = new int[objects.Count];
        for (var o = 0; o < objects.Count; o++)
        {
            var name = objects[o].Length == 0 ? none : objects[o];
            if (!index.TryGetValue(name, out var group))
            {
                group = names.Count;
                index.Add(name, group);
                names.Add(name);
            }
            groupOf[o] = group;
        }
        var order = Enumerable.Range(0, names.Count).OrderBy(g => names[g], StringComparer.Ordinal).ToArray();
        var rank = new int[order.Length];
        for (var r = 0; r < order.Length; r++) rank[order[r]] = r;
        for (var o = 0; o < groupOf.Length; o++) groupOf[o] = rank[groupOf[o]];
        for (var i = 0; i < of.Length; i++) of[i] = groupOf[of[i]];
        return new Grouping(order.Select(g => names[g]).ToArray(), of);
    }

    /// <summary>Locations in their declared order, only those that have schools.</summary>
    public static Grouping ByLocation(DistrictData data, ReportText text)
    {
        var codes = new int[data.SchoolCount];
        for (var i = 0; i < codes.Length; i++) codes[i] = (int)data.Location[i];
        return ByCode(codes, Enum.GetValues<SchoolLocation>().Select(text.LocationName).ToArray());
    }

    /// <summary>Stages in their declared order, only those that have schools.</summary>
    public static Grouping ByStage(DistrictData data, ReportText text)
    {
        var codes = new int[data.SchoolCount];
        for (var i = 0; i < codes.Length; i++) codes[i] = (int)data.Stage[i];
        return ByCode(codes, Enum.GetValues<Stage>().Select(text.StageName).ToArray());
    }

    private static Grouping ByCode(int[] codes, string[] allNames)
    {
        var present = new bool[allNames.Length];
        foreach (var code in codes) present[code] = true;
        var rank = new int[allNames.Length];
        var names = new List<string>();
        for (var c = 0; c < allNames.Length; c++)
        {
            if (!present[c]) continue;
            rank[c] = names.Count;
            names.Add(allNames[c]);
        }
        var of = new int[codes.Length];
        for (var i = 0; i < codes.Length; i++) of[i] = rank[codes[i]];
        return new Grouping(names.ToArray(), of);
    }

    public decimal[] Sum(decimal[] values)
    {
        var sums = new decimal[Count];
        // A zero adds nothing (a scenario leaves most schools' values as they were): skipped, as a test is cheaper than a
        // decimal addition. The sums are equal in value (a zero's scale is not carried into them, and every report
        // writes money to the fen).
        for (var i = 0; i < Of.Length; i++)
            if (!IsZero(values[i])) sums[Of[i]] += values[i];
        return sums;
    }

    /// <summary>decimal's own test of zero (its bits, no comparison), which it offers only as a generic number.</summary>
    private static bool IsZero<T>(T value) where T : System.Numerics.INumberBase<T> => T.IsZero(value);
}

/// <summary>One scenario against the baseline, school by school: who pays more, who falls out of compliance.</summary>
internal sealed class Comparison
{
    /// <summary>Schools whose family payments per participant go up, down, or stay (to the fen).</summary>
    public int More { get; private set; }
    public int Less { get; private set; }
    public int Same { get; private set; }
    public decimal MoreParticipants { get; private set; }
    public decimal LessParticipants { get; private set; }
    public decimal SameParticipants { get; private set; }
    /// <summary>The change per participant, averaged over the schools' baseline participants; null with none.</summary>
    public decimal? MoreAverage { get; private set; }
    public decimal? LessAverage { get; private set; }

    public int NewlyNoncompliantCount { get; private set; }
    public int NoLongerNoncompliantCount { get; private set; }
    /// <summary>Up to the listing limit of the newly non-compliant schools, the largest fee cut needed first.</summary>
    public IReadOnlyList<int> NewlyNoncompliant { get; private set; } = Array.Empty<int>();

    public static Comparison Of(DistrictData data, SchoolMeasures baseline, SchoolMeasures scenario, int listLimit)
    {
        var result = new Comparison();
        decimal moreChange = 0, lessChange = 0;
        var newly = new List<int>();
        for (var i = 0; i < data.SchoolCount; i++)
        {
            var weight = baseline.Participants[i];
            // A school the scenario does not touch pays the same per participant: no need to divide.
            var untouched = scenario.FamilyPayments[i] == baseline.FamilyPayments[i] && scenario.Participants[i] == weight;
            var before = untouched ? 0 : PerParticipant(baseline.FamilyPayments[i], weight);
            var after = untouched ? 0 : PerParticipant(scenario.FamilyPayments[i], scenario.Participants[i]);
            if (after > before)
            {
                result.More++;
                result.MoreParticipants += weight;
                moreChange += (after - before) * weight;
            }
            else if (after < before)
            {
                result.Less++;
                result.LessParticipants += weight;
                lessChange += (after - before) * weight;
            }
            else
            {
                result.Same++;
                result.SameParticipants += weight;
            }

            if (scenario.Noncompliant[i] && !baseline.Noncompliant[i]) newly.Add(i);
            else if (!scenario.Noncompliant[i] && baseline.Noncompliant[i]) result.NoLongerNoncompliantCount++;
        }
        result.MoreAverage = result.MoreParticipants > 0 ? moreChange / result.MoreParticipants : null;
        result.LessAverage = result.LessParticipants > 0 ? lessChange / result.LessParticipants : null;
        result.NewlyNoncompliantCount = newly.Count;
        decimal Cut(int i) => scenario.Cap[i] is { } cap ? data.FeePerMonth[i] - cap : 0;
        result.NewlyNoncompliant = newly
            .OrderByDescending(Cut)
            .ThenBy(i => data.District[i], StringComparer.Ordinal)
            .ThenBy(i => data.Name[i], StringComparer.Ordinal)
            .Take(listLimit)
            .ToArray();
        return result;
    }

    /// <summary>Family payments per participant, to the fen (half away from zero); 0 without participants.</summary>
    internal static decimal PerParticipant(decimal payments, decimal participants) =>
        participants <= 0 ? 0
        : TryPerParticipant(payments, participants, out var exact) ? exact
        : Math.Round(payments / participants, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The same fen in whole numbers, as most schools have it (payments of at most 18 decimal places whose mantissa times
    /// 100 and whose 10^scale × participants fit 64 bits, a whole number of participants): (mantissa × 100) ÷ (10^scale ×
    /// participants), rounded half away from zero, is the exact quotient rounded once. Dividing in decimal rounds the
    /// quotient to 28 digits first; that cannot carry it across a half fen, as the exact quotient is at least
    /// 1 / (2 × 10^scale × participants) fen from one and decimal's error is far below that for a mantissa under 2^64. So
    /// the value is the decimal's, for a machine division instead of decimal's.
    /// </summary>
    // Compiled fully at its first call: the 64-bit multiply it uses keeps it out of the precompiled image, and its first,
    // unoptimised code would run for every school of the report.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static bool TryPerParticipant(decimal payments, decimal participants, out decimal perParticipant)
    {
        perParticipant = 0;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(participants, bits);
        if (bits[1] != 0 || bits[2] != 0 || bits[0] <= 0 || (bits[3] & 0x00FF0000) != 0) return false;
        var divisor = (uint)bits[0];
        decimal.GetBits(payments, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        if (bits[2] != 0 || scale > 18) return false;
        var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        if (mantissa > ulong.MaxValue / 100) return false;
        var numerator = mantissa * 100;
        if (Math.BigMul(s_powersOfTen[scale], divisor, out var denominator) != 0) return false;
        var (fen, remainder) = Math.DivRem(numerator, denominator);
        if (remainder >= denominator - remainder) fen++;
        perParticipant = new decimal((int)(uint)fen, (int)(uint)(fen >> 32), 0, bits[3] < 0 && fen != 0, 2);
        return true;
    }

    private static readonly ulong[] s_powersOfTen = Enumerable.Range(0, 19).Select(k => (ulong)Math.Pow(10, k)).ToArray();
}
