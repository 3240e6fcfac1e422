namespace PolicyLang.Simulation.Data;

/// <summary>One district of a generator profile: its name, the code in school ids, its share of the schools and
/// the mix of school locations in it (weights, not necessarily adding to 1).</summary>
public sealed record ProfileDistrict(string Name, string Code, double Weight, double Urban, double CountyTown = 0, double Township = 0, double Rural = 0);

/// <summary>Fees of a group of schools: CNY per student per month, drawn in steps of 5 between Min and Max, with a
/// share of schools that charge nothing.</summary>
public sealed record FeeRange(int Min, int Max, double FreeShare);

/// <summary>
/// The shape of a generated district (<see cref="DistrictGenerator"/>): its districts, what kind of schools it has,
/// what they charge and when their service runs. The named profiles follow the seed documents
/// (shared/seeds/README.md); <see cref="National"/> is the national data set of design/performance.md.
/// </summary>
public sealed class DistrictProfile
{
    public required string Name { get; init; }
    /// <summary>The city that school names start with (may be empty).</summary>
    public required string City { get; init; }
    /// <summary>The first part of every school id, e.g. "LZ" for LZ-CZ-001.</summary>
    public required string IdPrefix { get; init; }
    public required IReadOnlyList<ProfileDistrict> Districts { get; init; }

    /// <summary>Weights of primary, junior, nine-year and complete-secondary schools.</summary>
    public double[] StageWeights { get; init; } = { 0.72, 0.16, 0.10, 0.02 };
    public double PrivateShare { get; init; } = 0.06;

    /// <summary>Fees of public schools in urban and county-town areas.</summary>
    public FeeRange UrbanFees { get; init; } = new(60, 200, 0.10);
    /// <summary>Fees of public schools in townships and rural areas.</summary>
    public FeeRange TownshipFees { get; init; } = new(0, 120, 0.20);
    /// <summary>Fees of private schools.</summary>
    public FeeRange PrivateFees { get; init; } = new(100, 200, 0.0);

    /// <summary>Participation (participants / students), drawn per school between these shares.</summary>
    public double ParticipationMin { get; init; } = 0.40;
    public double ParticipationMax { get; init; } = 0.95;

    /// <summary>Time school ends, drawn in steps of 10 minutes.</summary>
    public TimeOfDay DismissalFrom { get; init; } = TimeOfDay.FromHoursMinutes(15, 0);
    public TimeOfDay DismissalTo { get; init; } = TimeOfDay.FromHoursMinutes(16, 30);
    /// <summary>Time the service ends, drawn in steps of 10 minutes, at least 40 minutes after dismissal.</summary>
    public TimeOfDay ServiceEndFrom { get; init; } = TimeOfDay.FromHoursMinutes(16, 30);
    public TimeOfDay ServiceEndTo { get; init; } = TimeOfDay.FromHoursMinutes(19, 0);

    /// <summary>The national data set: 2,000 districts, a third of them urban, the rest counties.</summary>
    public static DistrictProfile National { get; } = new()
    {
        Name = "national",
        City = "",
        IdPrefix = "CN",
        Districts = Enumerable.Range(1, 2000).Select(i => i % 3 == 1
            ? new ProfileDistrict($"示例{i:D4}区", $"{i:D4}", 1.0, Urban: 0.85, CountyTown: 0.05, Township: 0.10)
            : new ProfileDistrict($"示例{i:D4}县", $"{i:D4}", 1.0, Urban: 0.05, CountyTown: 0.25, Township: 0.55, Rural: 0.15)).ToArray(),
    };

    /// <summary>Zaozhuang, Shandong (seed 001): 市中区, primary schools, fees around the 100 CNY cap.</summary>
    public static DistrictProfile Zaozhuang { get; } = new()
    {
        Name = "zaozhuang",
        City = "枣庄市",
        IdPrefix = "ZZ",
        Districts = new[] { new ProfileDistrict("市中区", "SZ", 1.0, Urban: 0.7, Township: 0.3) },
        StageWeights = new[] { 0.85, 0.10, 0.05, 0.0 },
        PrivateShare = 0.05,
        UrbanFees = new(60, 130, 0.05),
        TownshipFees = new(40, 110, 0.15),
        PrivateFees = new(100, 180, 0.0),
        DismissalFrom = TimeOfDay.FromHoursMinutes(15, 30),
        DismissalTo = TimeOfDay.FromHoursMinutes(16, 30),
        ServiceEndFrom = TimeOfDay.FromHoursMinutes(16, 30),
        ServiceEndTo = TimeOfDay.FromHoursMinutes(18, 0),
    };

    /// <summary>Tianjin (seed 002): the six urban districts and two suburban ones; fees around the 180 CNY cap,
    /// service ending around the 18:30 minimum.</summary>
    public static DistrictProfile Tianjin { get; } = new()
    {
        Name = "tianjin",
        City = "天津市",
        IdPrefix = "TJ",
        Districts = new[]
        {
            new ProfileDistrict("和平区", "HP", 1.0, Urban: 1),
            new ProfileDistrict("河东区", "HD", 1.2, Urban: 1),
            new ProfileDistrict("河西区", "HX", 1.3, Urban: 1),
            new ProfileDistrict("南开区", "NK", 1.3, Urban: 1),
            new ProfileDistrict("河北区", "HB", 1.1, Urban: 1),
            new ProfileDistrict("红桥区", "HQ", 0.9, Urban: 1),
            new ProfileDistrict("北辰区", "BC", 1.2, Urban: 0.4, CountyTown: 0.2, Township: 0.4),
            new ProfileDistrict("西青区", "XQ", 1.2, Urban: 0.4, CountyTown: 0.2, Township: 0.4),
        },
        StageWeights = new[] { 0.62, 0.26, 0.10, 0.02 },
        PrivateShare = 0.08,
        UrbanFees = new(100, 200, 0.05),
        TownshipFees = new(60, 150, 0.10),
        PrivateFees = new(150, 200, 0.0),
        DismissalFrom = TimeOfDay.FromHoursMinutes(15, 30),
        DismissalTo = TimeOfDay.FromHoursMinutes(16, 30),
        ServiceEndFrom = TimeOfDay.FromHoursMinutes(17, 30),
        ServiceEndTo = TimeOfDay.FromHoursMinutes(19, 0),
    };

    /// <summary>Liuzhou, Guangxi (seed 003): four urban districts and 柳江区 (township); fees around the 120 CNY
    /// urban and 80 CNY township caps.</summary>
    public static DistrictProfile Liuzhou { get; } = new()
    {
        Name = "liuzhou",
        City = "柳州市",
        IdPrefix = "LZ",
        Districts = new[]
        {
            new ProfileDistrict("城中区", "CZ", 0.8, Urban: 1),
            new ProfileDistrict("鱼峰区", "YF", 1.0, Urban: 1),
            new ProfileDistrict("柳南区", "LN", 1.0, Urban: 1),
            new ProfileDistrict("柳北区", "LB", 1.0, Urban: 1),
            new ProfileDistrict("柳江区", "LJ", 1.2, Urban: 0, Township: 1),
        },
        StageWeights = new[] { 0.80, 0.15, 0.05, 0.0 },
        PrivateShare = 0.06,
        UrbanFees = new(90, 150, 0.05),
        TownshipFees = new(50, 100, 0.10),
        PrivateFees = new(120, 200, 0.0),
        DismissalFrom = TimeOfDay.FromHoursMinutes(15, 30),
        DismissalTo = TimeOfDay.FromHoursMinutes(16, 30),
        ServiceEndFrom = TimeOfDay.FromHoursMinutes(17, 0),
        ServiceEndTo = TimeOfDay.FromHoursMinutes(18, 30),
    };

    /// <summary>Jinshan district, Shanghai (seed 004): public primary schools, free service 15:30–18:00.</summary>
    public static DistrictProfile Jinshan { get; } = new()
    {
        Name = "jinshan",
        City = "上海市",
        IdPrefix = "JS",
        Districts = new[] { new ProfileDistrict("金山区", "JS", 1.0, Urban: 0.4, CountyTown: 0.2, Township: 0.4) },
        StageWeights = new[] { 1.0, 0.0, 0.0, 0.0 },
        PrivateShare = 0.0,
        UrbanFees = new(20, 60, 0.90),
        TownshipFees = new(20, 60, 0.90),
        DismissalFrom = TimeOfDay.FromHoursMinutes(15, 20),
        DismissalTo = TimeOfDay.FromHoursMinutes(15, 40),
        ServiceEndFrom = TimeOfDay.FromHoursMinutes(17, 30),
        ServiceEndTo = TimeOfDay.FromHoursMinutes(18, 30),
    };

    /// <summary>The built-in profiles by name.</summary>
    public static IReadOnlyList<DistrictProfile> Builtin { get; } = new[] { National, Zaozhuang, Tianjin, Liuzhou, Jinshan };

    public static IEnumerable<string> Names => Builtin.Select(p => p.Name);

    public static DistrictProfile? Find(string name) =>
        Builtin.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
