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
        if (grouped)
        {
            c.StudentCounts.AsSpan(0, cohorts).CopyTo(data.CohortStudents);
            c.ParticipantCounts.AsSpan(0, cohorts).CopyTo(data.CohortParticipants);
            for (var r = 0; r < cohorts; r++)
            {
                grade[r] = gradeText[c.Grades[r]];
                var code = c.Categories[r];
                category[r] = code < 0 ? null : (Category)code;
            }
        }
        else
        {
            var next = new int[schools];
            Array.Copy(start, next, schools);
            for (var r = 0; r < cohorts; r++)
            {
                var to = next[school[r]]++;
                grade[to] = gradeText[c.Grades[r]];
                var code = c.Categories[r];
                category[to] = code < 0 ? null : (Category)code;
                data.CohortStudents[to] = c.StudentCounts[r];
                data.CohortParticipants[to] = c.ParticipantCounts[r];
            }
        }
        return data;
    }
}
