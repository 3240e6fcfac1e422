namespace PolicyLang.Simulation.Data;

/// <summary>Turns two checked tables into a <see cref="DistrictData"/>, cohorts grouped by school.</summary>
internal static class DistrictAssembler
{
    public static DistrictData Assemble(SchoolsBuilder s, CohortsBuilder c, string source)
    {
        var schools = s.Count;
        var cohorts = c.Count;
        var data = new DistrictData(schools, cohorts) { Source = source };

        for (var i = 0; i < schools; i++)
        {
            data.SchoolId[i] = s.Ids[i]!;
            data.Name[i] = s.Names[i] ?? "";
            data.District[i] = s.Districts[i];
            data.Stage[i] = (Stage)s.Stages[i];
            data.Location[i] = (SchoolLocation)s.Locations[i];
            data.Ownership[i] = (Ownership)s.Ownerships[i];
            data.Dismissal[i] = new TimeOfDay(s.Dismissals[i]);
            data.ServiceEnd[i] = new TimeOfDay(s.ServiceEnds[i]);
        }
        s.StudentCounts.AsSpan(0, schools).CopyTo(data.Students);
        s.ParticipantCounts.AsSpan(0, schools).CopyTo(data.Participants);
        s.Fees.AsSpan(0, schools).CopyTo(data.FeePerMonth);
        s.PeriodCounts.AsSpan(0, schools).CopyTo(data.PeriodsPerDay);

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
        var gradeText = DistrictSchema.GradeText;
        var grades = c.Grades;
        var codes = c.Categories;
        // Category code + 1 → category (code -1 is none).
        var categoryOf = new Category?[PlanEnums.Category.JsonNames.Count + 1];
        for (var k = 1; k < categoryOf.Length; k++) categoryOf[k] = (Category)(k - 1);
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
