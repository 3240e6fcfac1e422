using System.Runtime.CompilerServices;
using PolicyLang.Runtime;

namespace PolicyLang.Simulation.Data;

/// <summary>
/// One school of the district data as compiled measures read it: each property reads a column at the row,
/// so the generated code stays column-wise without copying rows. Whole numbers read as decimals, as the
/// interpreter holds them. Plan fields the data does not hold (boarding, staff) read as absent.
/// </summary>
public readonly struct SchoolRow
{
    private readonly DistrictData _data;
    private readonly int _index;

    public SchoolRow(DistrictData data, int index)
    {
        _data = data;
        _index = index;
    }

    public int Index => _index;
    public string SchoolId { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _data.SchoolId[_index]; }
    public string Id { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _data.SchoolId[_index]; }
    public string Name { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _data.Name[_index]; }
    public string District { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _data.District[_index]; }
    public Stage Stage { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _data.Stage[_index]; }
    public SchoolLocation Location { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _data.Location[_index]; }
    public Ownership Ownership { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _data.Ownership[_index]; }
    public decimal Students { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _data.Students[_index]; }
    public decimal Participants { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _data.Participants[_index]; }
    public decimal FeePerMonth { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _data.FeePerMonth[_index]; }
    public TimeOfDay Dismissal { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _data.Dismissal[_index]; }
    public TimeOfDay ServiceEnd { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _data.ServiceEnd[_index]; }
    public decimal PeriodsPerDay { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _data.PeriodsPerDay[_index]; }
    public bool? Boarding => null;
    public int? Staff => null;

    /// <summary>The school's rows of cohorts.csv.</summary>
    public CohortList Cohorts { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => new(_data, _data.CohortStart[_index], _data.CohortStart[_index + 1]); }
}

/// <summary>A school's cohorts: a range of the cohort columns, enumerated without allocating.</summary>
public readonly struct CohortList
{
    private readonly DistrictData _data;
    private readonly int _start;
    private readonly int _end;

    public CohortList(DistrictData data, int start, int end)
    {
        _data = data;
        _start = start;
        _end = end;
    }

    public int Count => _end - _start;
    public CohortRow this[int index] { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => new(_data, _start + index); }
    public Enumerator GetEnumerator() => new(_data, _start - 1, _end);

    public struct Enumerator
    {
        private readonly DistrictData _data;
        private readonly int _end;
        private int _index;

        internal Enumerator(DistrictData data, int index, int end)
        {
            _data = data;
            _index = index;
            _end = end;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool MoveNext() => ++_index < _end;

        public CohortRow Current { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => new(_data, _index); }
    }
}

/// <summary>One row of cohorts.csv.</summary>
public readonly struct CohortRow
{
    private readonly DistrictData _data;
    private readonly int _index;

    public CohortRow(DistrictData data, int index)
    {
        _data = data;
        _index = index;
    }

    public string Grade { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _data.CohortGrade[_index]; }
    /// <summary>The family category; absent for 'none'.</summary>
    public Category? Category { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _data.CohortCategory[_index]; }
    public decimal Students { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _data.CohortStudents[_index]; }
    public decimal Participants { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => _data.CohortParticipants[_index]; }
}

/// <summary>What a scenario assumes about how schools and families respond (the baseline assumes nothing).</summary>
public sealed class ScenarioAssumptions
{
    public static ScenarioAssumptions None { get; } = new();

    /// <summary>Participation elasticity with respect to the fee charged; 0 for no response.</summary>
    public decimal Elasticity { get; init; }
    /// <summary>Every capped school charges its cap.</summary>
    public bool ChargesCap { get; init; }
}
