namespace PolicyLang.Simulation.Data;

/// <summary>
/// Makes synthetic district data shaped like the seed documents (design/performance.md): mostly urban and township
/// public primary schools; 100–3,000 students; 40–95 % taking part; fees 0–200 CNY a month in steps of 5, some
/// free; dismissal 15:00–16:30; service ending 16:30–19:00; 1–3 periods a day. Each grade (1–6 in primary, 7–9 in
/// junior) is split into family categories, a few percent of families in the hardship categories a policy
/// waives; about 50 cohort rows a school. The same (schools, seed, profile) always gives the same data, on any
/// machine: it uses its own random number generator, and each school draws from its own stream.
/// </summary>
public static class DistrictGenerator
{
    public static DistrictData Generate(int schools, int seed, DistrictProfile? profile = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(schools);
        profile ??= DistrictProfile.National;
        if (profile.Districts.Count == 0) throw new ArgumentException("the profile has no districts", nameof(profile));

        var perDistrict = Apportion(schools, profile.Districts.Select(d => d.Weight).ToArray());
        var generated = new GeneratedSchool[schools];
        var slots = new (int District, int Number)[schools];
        var k = 0;
        for (var d = 0; d < perDistrict.Length; d++)
        {
            for (var n = 1; n <= perDistrict[d]; n++) slots[k++] = (d, n);
        }

        // Each school has its own random stream, so schools can be made in any order (and in parallel).
        Parallel.For(0, schools, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var rng = new Rng(Mix((ulong)(uint)seed, (ulong)i));
            generated[i] = MakeSchool(profile, slots[i].District, slots[i].Number, perDistrict[slots[i].District], ref rng);
        });

        var cohorts = 0;
        foreach (var g in generated) cohorts += g.Grades.Length;
        var data = new DistrictData(schools, cohorts) { Source = $"generated: {schools} schools, seed {seed}, profile {profile.Name}" };
        var r = 0;
        for (var i = 0; i < schools; i++)
        {
            var g = generated[i];
            data.SchoolId[i] = g.Id;
            data.Name[i] = g.Name;
            data.District[i] = profile.Districts[slots[i].District].Name;
            data.Stage[i] = g.Stage;
            data.Location[i] = g.Location;
            data.Ownership[i] = g.Ownership;
            data.Students[i] = g.Students;
            data.Participants[i] = g.Participants;
            data.FeePerMonth[i] = g.Fee;
            data.Dismissal[i] = g.Dismissal;
            data.ServiceEnd[i] = g.ServiceEnd;
            data.PeriodsPerDay[i] = g.Periods;
            data.CohortStart[i] = r;
            for (var c = 0; c < g.Grades.Length; c++, r++)
            {
                data.CohortGrade[r] = DistrictSchema.GradeText[g.Grades[c]];
                data.CohortCategory[r] = g.Categories[c] < 0 ? null : (Category)g.Categories[c];
                data.CohortStudents[r] = g.CohortStudents[c];
                data.CohortParticipants[r] = g.CohortParticipants[c];
            }
        }
        data.CohortStart[schools] = r;
        return data;
    }

    private sealed class GeneratedSchool
    {
        public required string Id;
        public required string Name;
        public Stage Stage;
        public SchoolLocation Location;
        public Ownership Ownership;
        public int Students;
        public int Participants;
        public decimal Fee;
        public TimeOfDay Dismissal;
        public TimeOfDay ServiceEnd;
        public int Periods;
        public required byte[] Grades;
        public required sbyte[] Categories;
        public required int[] CohortStudents;
        public required int[] CohortParticipants;
    }

    // Hardship and other family categories: the expected share of a grade, in cities and in the countryside.
    private static readonly (Category Category, double Urban, double Rural)[] s_categories =
    {
        (Category.RegisteredPoverty, 0.008, 0.020),
        (Category.MinimumLiving, 0.008, 0.012),
        (Category.ExtremeHardship, 0.002, 0.004),
        (Category.OtherHardship, 0.012, 0.015),
        (Category.Disabled, 0.010, 0.010),
        (Category.Migrant, 0.150, 0.030),
        (Category.LeftBehind, 0.020, 0.150),
        (Category.OrphanWelfare, 0.001, 0.001),
        (Category.Martyr, 0.001, 0.001),
    };

    private static GeneratedSchool MakeSchool(DistrictProfile p, int districtIndex, int number, int inDistrict, ref Rng rng)
    {
        var district = p.Districts[districtIndex];
        var location = (SchoolLocation)rng.Pick(new[] { district.Urban, district.CountyTown, district.Township, district.Rural });
        var stage = (Stage)rng.Pick(p.StageWeights);
        var ownership = rng.Chance(p.PrivateShare) ? Ownership.Private : Ownership.Public;
        var urbanLike = location is SchoolLocation.Urban or SchoolLocation.CountyTown;

        var (smallest, largest) = location switch
        {
            SchoolLocation.Urban => (300, 2600),
            SchoolLocation.CountyTown => (200, 1500),
            SchoolLocation.Township => (100, 900),
            _ => (100, 300),
        };
        if (stage is Stage.Junior or Stage.CompleteSecondary) largest = Math.Max(smallest, largest * 2 / 3);
        var students = rng.Between(smallest, largest);

        var fees = ownership == Ownership.Private ? p.PrivateFees : urbanLike ? p.UrbanFees : p.TownshipFees;
        var fee = rng.Chance(fees.FreeShare) ? 0 : 5 * rng.Between((fees.Min + 4) / 5, fees.Max / 5);

        var dismissal = Step(p.DismissalFrom.Minutes, p.DismissalTo.Minutes, ref rng);
        var end = Step(Math.Max(p.ServiceEndFrom.Minutes, dismissal + 40), Math.Max(p.ServiceEndTo.Minutes, dismissal + 40), ref rng);
        var periods = Math.Clamp((int)Math.Round((end - dismissal) / 50.0), 1, 3);

        var rate = p.ParticipationMin + (p.ParticipationMax - p.ParticipationMin) * rng.NextDouble();
        if (!urbanLike) rate = Math.Max(p.ParticipationMin, rate - 0.05);

        // Grades, then each grade split into categories ('none' first, then the categories in their order).
        var (first, last) = stage switch
        {
            Stage.Primary => (1, 6),
            Stage.NineYear => (1, 9),
            _ => (7, 9),
        };
        var gradeCount = last - first + 1;
        var weights = new double[gradeCount];
        for (var g = 0; g < gradeCount; g++) weights[g] = 0.85 + 0.3 * rng.NextDouble();
        var perGrade = Apportion(students, weights);

        var grades = new List<byte>(gradeCount * 10);
        var categories = new List<sbyte>(gradeCount * 10);
        var cohortStudents = new List<int>(gradeCount * 10);
        var cohortParticipants = new List<int>(gradeCount * 10);
        Span<int> counts = stackalloc int[s_categories.Length];
        var participants = 0;
        for (var g = 0; g < gradeCount; g++)
        {
            var size = perGrade[g];
            var taken = 0;
            for (var c = 0; c < s_categories.Length; c++)
            {
                var share = urbanLike ? s_categories[c].Urban : s_categories[c].Rural;
                var expected = size * share;
                counts[c] = 0;
                if (rng.NextDouble() < 1 - Math.Exp(-3 * expected))
                {
                    var n = Math.Max(1, (int)Math.Round(expected * (0.5 + rng.NextDouble())));
                    n = Math.Min(n, size - 1 - taken);
                    if (n > 0)
                    {
                        counts[c] = n;
                        taken += n;
                    }
                }
            }
            var rest = size - taken;
            if (rest > 0) Add(first + g, -1, rest, rate, ref rng);
            for (var c = 0; c < s_categories.Length; c++)
            {
                // Children in the priority categories take part a little more often.
                if (counts[c] > 0) Add(first + g, (sbyte)s_categories[c].Category, counts[c], Math.Min(1.0, rate + 0.05), ref rng);
            }
        }

        void Add(int grade, sbyte category, int n, double share, ref Rng random)
        {
            // Rounded up or down at random in proportion, so that small cohorts do not drift the school's share.
            var exact = n * share * (0.92 + 0.16 * random.NextDouble());
            var whole = Math.Floor(exact);
            var taking = Math.Clamp((int)whole + (random.NextDouble() < exact - whole ? 1 : 0), 0, n);
            grades.Add((byte)grade);
            categories.Add(category);
            cohortStudents.Add(n);
            cohortParticipants.Add(taking);
            participants += taking;
        }

        var suffix = stage switch
        {
            Stage.Primary => "小学",
            Stage.Junior => "中学",
            Stage.NineYear => "九年一贯制学校",
            _ => "完全中学",
        };
        var width = Math.Max(3, inDistrict.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        return new GeneratedSchool
        {
            Id = $"{p.IdPrefix}-{district.Code}-{number.ToString("D" + width, System.Globalization.CultureInfo.InvariantCulture)}",
            Name = $"{p.City}{district.Name}{(ownership == Ownership.Private ? "民办" : "")}第{ChineseNumber(number)}{suffix}",
            Stage = stage,
            Location = location,
            Ownership = ownership,
            Students = students,
            Participants = participants,
            Fee = fee,
            Dismissal = new TimeOfDay(dismissal),
            ServiceEnd = new TimeOfDay(end),
            Periods = periods,
            Grades = grades.ToArray(),
            Categories = categories.ToArray(),
            CohortStudents = cohortStudents.ToArray(),
            CohortParticipants = cohortParticipants.ToArray(),
        };
    }

    /// <summary>A time in minutes between two times, in steps of 10 minutes.</summary>
    private static int Step(int from, int to, ref Rng rng) => from + 10 * rng.Between(0, Math.Max(0, (to - from) / 10));

    /// <summary>Splits a total into parts in proportion to weights (largest remainders), adding up exactly.</summary>
    internal static int[] Apportion(int total, double[] weights)
    {
        var sum = weights.Sum();
        var parts = new int[weights.Length];
        if (sum <= 0 || total == 0) return parts;
        var remainders = new (double Remainder, int Index)[weights.Length];
        var given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = total * weights[i] / sum;
            parts[i] = (int)Math.Floor(exact);
            given += parts[i];
            remainders[i] = (exact - parts[i], i);
        }
        Array.Sort(remainders, (a, b) => a.Remainder != b.Remainder ? b.Remainder.CompareTo(a.Remainder) : a.Index.CompareTo(b.Index));
        for (var i = 0; given < total; i = (i + 1) % weights.Length, given++) parts[remainders[i].Index]++;
        return parts;
    }

    /// <summary>1 → 一, 12 → 十二, 105 → 一百零五 (numbers up to 9,999).</summary>
    internal static string ChineseNumber(int n)
    {
        const string digits = "零一二三四五六七八九";
        if (n < 10) return digits[n].ToString();
        if (n < 20) return "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString());
        if (n < 100) return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString());
        if (n < 1000)
        {
            var rest = n % 100;
            return digits[n / 100] + "百" + (rest == 0 ? "" : rest < 10 ? "零" + digits[rest] : rest < 20 ? "一" + ChineseNumber(rest) : ChineseNumber(rest));
        }
        if (n < 10000)
        {
            var rest = n % 1000;
            return digits[n / 1000] + "千" + (rest == 0 ? "" : rest < 100 ? "零" + (rest < 20 && rest >= 10 ? "一" + ChineseNumber(rest) : ChineseNumber(rest)) : ChineseNumber(rest));
        }
        return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ulong Mix(ulong a, ulong b)
    {
        var z = a * 0x9E3779B97F4A7C15UL ^ (b + 0x632BE59BD9B4E019UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>SplitMix64: small, fast and the same everywhere.</summary>
    private struct Rng
    {
        private ulong _state;

        public Rng(ulong seed) => _state = seed;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>In [0, 1), from the top 53 bits.</summary>
        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

        /// <summary>A whole number in [min, max].</summary>
        public int Between(int min, int max) => max <= min ? min : min + (int)(Next() % (ulong)(max - min + 1));

        public bool Chance(double p) => p > 0 && NextDouble() < p;

        /// <summary>An index drawn in proportion to the weights.</summary>
        public int Pick(double[] weights)
        {
            var total = 0.0;
            foreach (var w in weights) total += w;
            var x = NextDouble() * total;
            for (var i = 0; i < weights.Length; i++)
            {
                if (weights[i] <= 0) continue;
                if (x < weights[i]) return i;
                x -= weights[i];
            }
            for (var i = weights.Length - 1; i >= 0; i--)
            {
                if (weights[i] > 0) return i;
            }
            return 0;
        }
    }
}
