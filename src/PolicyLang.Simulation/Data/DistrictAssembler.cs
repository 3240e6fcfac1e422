namespace PolicyLang.Simulation.Data;

/// <summary>Turns two checked tables into a <see cref="DistrictData"/>, cohorts grouped by school.</summary>
internal static class DistrictAssembler
{
    public static DistrictData Assemble(SchoolsBuilder s, CohortsBuilder c, string source, DistrictLoadOptions options)
    {
        if (options.SumByCategory)
        {
            var sums = new CohortSums(s.Count, options);
            sums.AddRows(c);
            if (sums.ToData(s, source) is { } summed) return summed;
            // A sum too large for a count: keep the rows as they are.
        }
        return Assemble(s, c, source, keepGrade: options.Grade && !options.SumByCategory);
    }

    /// <summary>
    /// A district with the schools' columns and room for <paramref name="cohorts"/> cohort rows. The builder's columns of
    /// the district's own types are kept as they are when they have one element per school (a reader that knew the row
    /// count made them so); the others are converted.
    /// </summary>
    internal static DistrictData Schools(SchoolsBuilder s, int cohorts, string source)
    {
        var schools = s.Count;
        var stage = new Stage[schools];
        var location = new SchoolLocation[schools];
        var ownership = new Ownership[schools];
        var dismissal = new TimeOfDay[schools];
        var serviceEnd = new TimeOfDay[schools];
        for (var i = 0; i < schools; i++)
        {
            stage[i] = (Stage)s.Stages[i];
            location[i] = (SchoolLocation)s.Locations[i];
            ownership[i] = (Ownership)s.Ownerships[i];
            dismissal[i] = new TimeOfDay(s.Dismissals[i]);
            serviceEnd[i] = new TimeOfDay(s.ServiceEnds[i]);
        }
        var strings = Kept(s.Names, schools);
        TextColumn names;
        if (s.HasUtf8Names)
        {
            // A name not met as UTF-8 has its string (or none at all: length 0, the empty name).
            names = new TextColumn(schools, s.NameBytes, s.NameStarts, s.NameLengths, strings);
        }
        else
        {
            for (var i = 0; i < schools; i++) strings[i] ??= "";
            names = new TextColumn(strings);
        }
        return new DistrictData(Kept(s.Ids, schools)!, names, Kept(s.Districts, schools), stage, location, ownership,
            Kept(s.StudentCounts, schools), Kept(s.ParticipantCounts, schools), Kept(s.Fees, schools), dismissal, serviceEnd,
            Kept(s.PeriodCounts, schools), cohorts) { Source = source };
    }

    /// <summary>The column itself when it has exactly <paramref name="count"/> elements, else a copy of its first ones.</summary>
    private static T[] Kept<T>(T[] column, int count) => column.Length == count ? column : column.AsSpan(0, count).ToArray();

    private static DistrictData Assemble(SchoolsBuilder s, CohortsBuilder c, string source, bool keepGrade)
    {
        var schools = s.Count;
        var cohorts = c.Count;
        var data = Schools(s, cohorts, source);

        // Group cohorts by school, keeping each school's rows in their order in the table (a stable counting sort).
        var school = c.Schools.AsSpan(0, cohorts);
        var start = data.CohortStart;
        var grouped = true;
        var previous = 0;
        foreach (var k in school)
        {
            start[k + 1]++;
            if (k < previous) grouped = false;
            previous = k;
        }
        for (var i = 0; i < schools; i++) start[i + 1] += start[i];

        var grade = data.CohortGrade;
        var category = data.CohortCategory;
        var gradeText = keepGrade ? DistrictSchema.GradeText : DistrictSchema.NoGradeText;
        var grades = c.Grades;
        var codes = c.Categories;
        // Category code + 1 → category (code -1 is none).
        var categoryOf = CohortSums.CategoryOfCode;
        if (grouped)
        {
            c.StudentCounts.AsSpan(0, cohorts).CopyTo(data.CohortStudents);
            c.ParticipantCounts.AsSpan(0, cohorts).CopyTo(data.CohortParticipants);
            // The text columns take a reference per row: split the rows between the cores.
            var parts = cohorts < 1 << 20 ? 1 : Math.Max(1, Environment.ProcessorCount);
            Parallel.For(0, parts, part =>
            {
                var from = (int)((long)cohorts * part / parts);
                var to = (int)((long)cohorts * (part + 1) / parts);
                FillGroupedText(grade, category, grades, codes, gradeText, categoryOf, from, to);
            });
        }
        else
        {
            var next = new int[schools];
            Array.Copy(start, next, schools);
            var students = c.StudentCounts;
            var participants = c.ParticipantCounts;
            for (var r = 0; r < cohorts; r++)
            {
                var to = next[school[r]]++;
                grade[to] = gradeText[grades[r]];
                category[to] = categoryOf[codes[r] + 1];
                data.CohortStudents[to] = students[r];
                data.CohortParticipants[to] = participants[r];
            }
        }
        return data;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void FillGroupedText(string[] grade, Category?[] category, byte[] grades, sbyte[] codes, string[] gradeText, Category?[] categoryOf, int from, int to)
    {
        var g = grade.AsSpan(from, to - from);
        var gs = grades.AsSpan(from, to - from);
        for (var r = 0; r < g.Length; r++) g[r] = gradeText[gs[r]];
        var cat = category.AsSpan(from, to - from);
        var cs = codes.AsSpan(from, to - from);
        for (var r = 0; r < cat.Length; r++) cat[r] = categoryOf[cs[r] + 1];
    }
}

/// <summary>
/// Cohort rows summed per school and category: one slot per kept category (none first, then the categories in their
/// order), or a single slot per school when the category is not kept; rows of a category the options leave out
/// (<see cref="DistrictLoadOptions.Categories"/>) are not added and have no slot. Makes a <see cref="DistrictData"/>
/// whose cohorts are the non-empty slots, each school's in slot order, with an empty grade.
/// </summary>
internal sealed class CohortSums
{
    /// <summary>Category codes + 1: none (code -1), then each category.</summary>
    public static readonly int Codes = PlanEnums.Category.JsonNames.Count + 1;

    /// <summary>The category of each code + 1 (code -1 is none).</summary>
    public static readonly Category?[] CategoryOfCode = Enumerable.Range(0, Codes).Select(k => k == 0 ? (Category?)null : (Category)(k - 1)).ToArray();

    private readonly int _slots;
    private readonly long[] _students;
    private readonly long[] _participants;
    private readonly bool[] _present;
    // The slot of a row of category code k - 1; -1 when such rows are left out.
    private readonly int[] _slotOf;
    // The category of each slot.
    private readonly Category?[] _categoryOf;

    public CohortSums(int schools, DistrictLoadOptions options)
    {
        var kept = options.KeptCodes();
        _slotOf = new int[Codes];
        var categories = new List<Category?>();
        for (var k = 0; k < Codes; k++)
        {
            if (!kept[k]) _slotOf[k] = -1;
            else if (!options.Category) _slotOf[k] = 0;
            else
            {
                _slotOf[k] = categories.Count;
                categories.Add(CategoryOfCode[k]);
            }
        }
        _categoryOf = options.Category ? categories.ToArray() : new Category?[] { null };
        _slots = _categoryOf.Length;
        _students = new long[(long)schools * _slots];
        _participants = new long[(long)schools * _slots];
        _present = new bool[(long)schools * _slots];
        SchoolCount = schools;
    }

    public int SchoolCount { get; }

    /// <summary>Adds a row (or a sum of rows) of a school; <paramref name="code"/> is the category code, -1 for none.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Add(int school, int code, long students, long participants)
    {
        var slot = _slotOf[code + 1];
        if (slot < 0) return;
        var k = school * _slots + slot;
        _students[k] += students;
        _participants[k] += participants;
        _present[k] = true;
    }

    /// <summary>Adds every row of a checked cohorts table.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void AddRows(CohortsBuilder c)
    {
        var n = c.Count;
        var schools = c.Schools.AsSpan(0, n);
        var codes = c.Categories.AsSpan(0, n);
        var students = c.StudentCounts.AsSpan(0, n);
        var participants = c.ParticipantCounts.AsSpan(0, n);
        var slots = _slots;
        var sumStudents = _students;
        var sumParticipants = _participants;
        var present = _present;
        var slotOf = _slotOf;
        for (var r = 0; r < schools.Length; r++)
        {
            var slot = slotOf[codes[r] + 1];
            if (slot < 0) continue;
            var k = schools[r] * slots + slot;
            sumStudents[k] += students[r];
            sumParticipants[k] += participants[r];
            present[k] = true;
        }
    }

    /// <summary>The district with the summed cohorts; null when a sum is too large for a count.</summary>
    public DistrictData? ToData(SchoolsBuilder s, string source)
    {
        var rows = 0;
        for (var k = 0; k < _present.Length; k++)
        {
            if (!_present[k]) continue;
            if (_students[k] > int.MaxValue || _participants[k] > int.MaxValue) return null;
            rows++;
        }
        var data = DistrictAssembler.Schools(s, rows, source);
        var start = data.CohortStart;
        var grade = data.CohortGrade;
        var category = data.CohortCategory;
        var students = data.CohortStudents;
        var participants = data.CohortParticipants;
        Array.Fill(grade, "");
        var j = 0;
        for (var i = 0; i < SchoolCount; i++)
        {
            start[i] = j;
            for (var slot = 0; slot < _slots; slot++)
            {
                var k = i * _slots + slot;
                if (!_present[k]) continue;
                category[j] = _categoryOf[slot];
                students[j] = (int)_students[k];
                participants[j] = (int)_participants[k];
                j++;
            }
        }
        start[SchoolCount] = j;
        return data;
    }
}
