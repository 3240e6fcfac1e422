using CsCheck;

namespace PolicyLang.Tests.Compiler;

/// <summary>Random school plans covering every field, absent optional values and awkward times included.</summary>
public static class PlanGenerators
{
    private static Gen<T?> Maybe<T>(Gen<T> gen) where T : struct =>
        Gen.Int[0, 4].SelectMany(n => n == 0 ? Gen.Const((T?)null) : gen.Select(x => (T?)x));

    private static Gen<T?> MaybeRef<T>(Gen<T> gen) where T : class =>
        Gen.Int[0, 4].SelectMany(n => n == 0 ? Gen.Const((T?)null) : gen.Select(x => (T?)x));

    private static Gen<T> Enum<T>() where T : struct, System.Enum => Gen.OneOf((T[])System.Enum.GetValues(typeof(T)));

    private static readonly Gen<TimeOfDay> Time = Gen.Int[12 * 4, 22 * 4].Select(q => new TimeOfDay(q * 15));
    private static readonly Gen<decimal> Money = Gen.Int[0, 40].Select(n => n * 10m + (n % 3 == 0 ? 0.5m : 0m));
    private static readonly Gen<string> Name = Gen.OneOf("作业辅导", "阅读", "篮球", "托管", "basic", "晚托费", "某机构", "\"quoted\"");
    private static readonly Gen<string> District = Gen.OneOf("和平区", "南开区", "北辰区", "城中区", "市中区", "金山区", "柳江区");

    private static readonly Gen<Segment> SegmentGen =
        Gen.Select(MaybeRef(Name), Enum<SegmentKind>(), Time, Gen.Int[15, 180])
            .Select((name, kind, start, minutes) => new Segment { Name = name, Kind = kind, Start = start, End = start.Add(minutes - minutes % 5) });

    private static readonly Gen<School> SchoolGen =
        Gen.Select(District, Enum<Stage>(), Enum<SchoolLocation>(), Enum<Ownership>(), Maybe(Gen.Bool), Gen.Int[50, 3000], Maybe(Gen.Int[5, 200]))
            .Select((district, stage, location, ownership, boarding, students, staff) => new School
            {
                Id = "S-" + students, Name = district + "学校", District = district, Stage = stage, Location = location, Ownership = ownership,
                Boarding = boarding, Students = students, Staff = staff,
            });

    private static readonly Gen<Service> ServiceGen =
        Gen.Select(Enum<Weekday>().Array[0, 7], Time, SegmentGen.Array[0, 4], Gen.OneOf(30m, 35m, 40m, 45m), Maybe(Gen.Bool), MaybeRef(SegmentGen))
            .Select((days, dismissal, segments, period, flexible, evening) => new Service
            {
                Days = days.Distinct().ToList(), Dismissal = dismissal, Segments = segments.ToList(), PeriodMinutes = period,
                FlexibleDeparture = flexible, EveningStudy = evening,
            });

    private static readonly Gen<Fee> FeeGen =
        Gen.Select(Name, Money, Enum<FeePer>(), Maybe(Enum<SegmentKind>()), Maybe(Enum<Collector>()))
            .Select((item, amount, per, segment, collector) => new Fee { Item = item, Amount = per == FeePer.Semester ? amount * 5 : per == FeePer.Year ? amount * 10 : per is FeePer.Day or FeePer.Period ? amount / 10m : amount, Per = per, Segment = segment, CollectedBy = collector });

    private static readonly Gen<Provider> ProviderGen =
        Gen.Select(Enum<ProviderKind>(), MaybeRef(Name), Gen.Int[0, 80], Gen.Int[0, 30].Select(n => n * 10m), Maybe(Gen.Bool), Maybe(Gen.Bool))
            .Select((kind, name, count, pay, white, approved) => new Provider { Kind = kind, Name = name, Count = count, PayPerPeriod = pay, Whitelisted = white, Approved = approved });

    private static readonly Gen<Participation> ParticipationGen =
        Gen.Select(Gen.Bool, Gen.Bool, Maybe(Gen.Bool), Gen.Int[0, 2000], Gen.Bool, Enum<Category>().Array[0, 4])
            .Select((voluntary, written, signed, participants, grades, categories) => new Participation
            {
                Voluntary = voluntary, WrittenApplication = written, AgreementSigned = signed, Participants = participants,
                ByGrade = grades ? new Dictionary<string, int> { ["1"] = participants / 6, ["3"] = participants / 7 } : null,
                ByCategory = categories.Length == 0 ? null : categories.Distinct().ToDictionary(c => c, c => (int)c + 1),
            });

    private static readonly Gen<Finance> FinanceGen =
        Gen.Select(Gen.Int[0, 3000], Gen.Int[0, 500], Gen.Int[0, 3000], Maybe(Gen.Int[1000, 6000]), Maybe(Gen.Int[1000, 6000]), Maybe(Gen.Int[0, 3]))
            .Select((fees, subsidy, pay, admin, teacher, management) => new Finance
            {
                FeeRevenue = fees * 1000m, Subsidy = subsidy * 1000m, StaffPay = pay * 1000m,
                AdminPayAvg = admin, TeacherPayAvg = teacher, ManagementFee = management is { } m ? m * 500m : null,
            });

    public static readonly Gen<SchoolPlan> Plan =
        Gen.Select(SchoolGen, ServiceGen, FeeGen.Array[0, 3], Enum<Category>().Array[0, 4], Maybe(Enum<RefundMode>()), ParticipationGen,
                Gen.Select(Name, Enum<ActivityKind>()).Select((n, k) => new Activity { Name = n, Kind = k }).Array[0, 5])
            .SelectMany(p => Gen.Select(ProviderGen.Array[0, 4], Maybe(Gen.Int[0, 120]), Maybe(Gen.Int[0, 120]), Maybe(Gen.Int[0, 120]), FinanceGen, Gen.Bool, Gen.Bool)
                .SelectMany(q => Gen.Select(Gen.Bool, Maybe(Gen.Bool), Maybe(Gen.Bool)).Select(r => new SchoolPlan
                {
                    School = p.Item1, Service = p.Item2, Fees = p.Item3.ToList(), Waivers = p.Item4.Distinct().ToList(), Refund = p.Item5,
                    Participation = p.Item6, Activities = p.Item7.ToList(), Providers = q.Item1.ToList(),
                    HomeworkMinutes = new HomeworkMinutes { Grades12 = q.Item2, Grades36 = q.Item3, Junior = q.Item4 },
                    Finance = q.Item5, Insurance = new Insurance { SchoolLiability = q.Item6, StaffAccident = q.Item7 },
                    Disclosure = new Disclosure { Published = r.Item1, SemesterReport = r.Item2, AnnualReport = r.Item3 },
                })));
}
