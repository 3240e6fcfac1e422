using System.Collections.Immutable;
using PolicyLang.Diagnostics;
using PolicyLang.Evaluation;
using PolicyLang.Symbols;
using PolicyLang.Syntax;
using PolicyLang.Types;

namespace PolicyLang.Binding;

/// <summary>
/// A checkable requirement on a plan. Section lines are lowered to rules too, so interpreter and emitter
/// only know this one shape: for each element of <see cref="Source"/> that passes <see cref="Filter"/>
/// (or once, when there is no source), if <see cref="Condition"/> holds, <see cref="Check"/> must be true;
/// a null check (an absent value) does not apply.
/// </summary>
public sealed class BoundRule
{
    public BoundRule(string id, RuleSymbol symbol, SyntaxNode syntax, BoundExpression check)
    {
        Id = id;
        Symbol = symbol;
        Syntax = syntax;
        Check = check;
    }

    /// <summary>voluntary, fee.cap, fee.cap.urban, window.end, pay.staff_share, …</summary>
    public string Id { get; }
    public RuleSymbol Symbol { get; }
    public SyntaxNode Syntax { get; }
    public SectionKind? Section { get; init; }
    public SectionItemForm? Form { get; init; }
    public BoundExpression? Condition { get; init; }
    public VariableSymbol? Variable { get; init; }
    public BoundExpression? Source { get; init; }
    public BoundExpression? Filter { get; init; }
    public BoundExpression Check { get; }
    /// <summary>The value the rule looked at, for the report.</summary>
    public BoundExpression? Actual { get; init; }
    /// <summary>The limit it was held to, for the report.</summary>
    public BoundExpression? Limit { get; init; }
    /// <summary>What the element is called in a report (a fee's item, an activity's name).</summary>
    public BoundExpression? Subject { get; init; }
    public Citation? Citation => Symbol.Citation;
    public PolicySymbol? Policy => Symbol.Policy;
}

/// <summary>A fee cap, kept whole for the simulator and for conflict and tightening checks.</summary>
public sealed class BoundCap
{
    public BoundCap(string id, SectionItemSyntax syntax, ParameterSymbol? parameter, MoneyType? unit, ImmutableArray<EnumMemberSymbol> forKinds,
        BoundExpression? when, Citation? citation)
    {
        Id = id;
        Syntax = syntax;
        Parameter = parameter;
        Unit = unit;
        For = forKinds;
        When = when;
        Citation = citation;
    }

    public string Id { get; }
    public SectionItemSyntax Syntax { get; }
    /// <summary>Null for 'cap none'.</summary>
    public ParameterSymbol? Parameter { get; }
    public MoneyType? Unit { get; }
    public ImmutableArray<EnumMemberSymbol> For { get; }
    public BoundExpression? When { get; }
    public string? Label => Syntax.Label?.Text;
    public string? ExceptionTo => Syntax.Tail.ExceptionTarget?.Text;
    public BoundCap? ExceptionTarget { get; internal set; }
    public bool IsNone => Parameter is null;
    public Citation? Citation { get; }
    public PolicySymbol? Policy { get; internal set; }
    public string GroupKey => For.IsDefaultOrEmpty ? string.Empty : string.Join(",", For.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal));
}

public enum SubsidyKind
{
    /// <summary>An amount per participating student per unit of time.</summary>
    PerStudent,
    /// <summary>A share of what families pay.</summary>
    ShareOfFamilyPayments,
    /// <summary>A share of another subsidy line (a match).</summary>
    ShareOfSubsidy,
}

public sealed class BoundSubsidy
{
    public BoundSubsidy(string id, SectionItemSyntax syntax, SubsidyKind kind, ParameterSymbol parameter, BoundExpression? when, string? of, Citation? citation)
    {
        Id = id;
        Syntax = syntax;
        Kind = kind;
        Parameter = parameter;
        When = when;
        Of = of;
        Citation = citation;
    }

    public string Id { get; }
    public SectionItemSyntax Syntax { get; }
    public SubsidyKind Kind { get; }
    public ParameterSymbol Parameter { get; }
    public BoundExpression? When { get; }
    /// <summary>For a match: the id of the subsidy line it matches.</summary>
    public string? Of { get; }
    public Citation? Citation { get; }
}

public sealed class BoundWaiver
{
    public BoundWaiver(EnumMemberSymbol category, decimal share, BoundExpression? when, Citation? citation)
    {
        Category = category;
        Share = share;
        When = when;
        Citation = citation;
    }

    public EnumMemberSymbol Category { get; }
    /// <summary>1 for a full waiver; the partial percentage otherwise.</summary>
    public decimal Share { get; }
    public BoundExpression? When { get; }
    public Citation? Citation { get; }
}

public sealed class BoundScenarioSet
{
    public BoundScenarioSet(ParameterSymbol parameter, BoundExpression value, SyntaxNode syntax)
    {
        Parameter = parameter;
        Value = value;
        Syntax = syntax;
    }

    public ParameterSymbol Parameter { get; }
    public BoundExpression Value { get; }
    public SyntaxNode Syntax { get; }
}

public sealed class BoundScenario
{
    public BoundScenario(string name, string? label, ImmutableArray<BoundScenarioSet> sets, BoundExpression? elasticity, bool schoolsChargeCap, ScenarioDeclarationSyntax syntax)
    {
        Name = name;
        Label = label;
        Sets = sets;
        Elasticity = elasticity;
        SchoolsChargeCap = schoolsChargeCap;
        Syntax = syntax;
    }

    public string Name { get; }
    public string? Label { get; }
    public ImmutableArray<BoundScenarioSet> Sets { get; }
    public BoundExpression? Elasticity { get; }
    public bool SchoolsChargeCap { get; }
    public ScenarioDeclarationSyntax Syntax { get; }
}

public sealed class BoundTest
{
    public BoundTest(string name, TestDeclarationSyntax syntax)
    {
        Name = name;
        Syntax = syntax;
    }

    public string Name { get; }
    public TestDeclarationSyntax Syntax { get; }
    /// <summary>The plan file, resolved against the policy's folder.</summary>
    public string? PlanFile { get; internal set; }
    public JsonObjectSyntax? InlinePlan { get; internal set; }
    public JsonObjectSyntax? Overlay { get; internal set; }
    public DateTime? Date { get; internal set; }
    public bool ExpectCompliant { get; internal set; }
    /// <summary>Rule ids (or id prefixes such as fee.cap) expected to be violated.</summary>
    public ImmutableArray<string> ExpectedViolations { get; internal set; } = ImmutableArray<string>.Empty;
}

/// <summary>Everything the binder learned about one policy file, its parent's rules included.</summary>
public sealed class BoundPolicy
{
    internal BoundPolicy(SyntaxTree tree, PolicySymbol symbol)
    {
        Tree = tree;
        Symbol = symbol;
    }

    public SyntaxTree Tree { get; }
    public PolicySymbol Symbol { get; }
    public BoundPolicy? Parent { get; internal set; }
    public ImmutableArray<ParameterSymbol> Parameters
    {
        get => _parameters;
        internal set
        {
            _parameters = value;
            _parameterIndex = null;
        }
    }

    private ImmutableArray<ParameterSymbol> _parameters = ImmutableArray<ParameterSymbol>.Empty;
    private ParameterIndex? _parameterIndex;

    /// <summary>The rules of this policy and of every policy it extends.</summary>
    public ImmutableArray<BoundRule> Rules { get; internal set; } = ImmutableArray<BoundRule>.Empty;
    public ImmutableArray<BoundCap> Caps { get; internal set; } = ImmutableArray<BoundCap>.Empty;
    public bool Free { get; internal set; }
    public ImmutableArray<BoundWaiver> Waivers { get; internal set; } = ImmutableArray<BoundWaiver>.Empty;
    public ImmutableArray<BoundSubsidy> Subsidies { get; internal set; } = ImmutableArray<BoundSubsidy>.Empty;
    public ParameterSymbol? StaffShare { get; internal set; }
    public ImmutableArray<MeasureSymbol> Measures { get; internal set; } = ImmutableArray<MeasureSymbol>.Empty;
    public ImmutableArray<BoundScenario> Scenarios { get; internal set; } = ImmutableArray<BoundScenario>.Empty;
    public ImmutableArray<BoundTest> Tests { get; internal set; } = ImmutableArray<BoundTest>.Empty;
    public ImmutableArray<SectionItemSyntax> Priorities { get; internal set; } = ImmutableArray<SectionItemSyntax>.Empty;

    /// <summary>Calendar parameters (calendar.school_months, …), declared or defaulted.</summary>
    public ParameterSymbol SchoolMonths { get; internal set; } = null!;
    public ParameterSymbol Semesters { get; internal set; } = null!;
    public ParameterSymbol SchoolDays { get; internal set; } = null!;
    public ParameterSymbol PeriodsPerDay { get; internal set; } = null!;

    public ParameterSymbol? FindParameter(string name) => Index.Find(name);

    /// <summary>The parameters whose names start with one of <paramref name="prefixes"/>, in the order of <see cref="Parameters"/>.</summary>
    internal List<ParameterSymbol> ParametersStartingWith(params string[] prefixes) => Index.StartingWith(prefixes);

    private ParameterIndex Index
    {
        get
        {
            var index = _parameterIndex;
            if (index is null || index.Parameters != _parameters) _parameterIndex = index = new ParameterIndex(_parameters);
            return index;
        }
    }

    /// <summary>Parameters by name, and by name in ordinal order for prefix look-ups.</summary>
    private sealed class ParameterIndex
    {
        private readonly Dictionary<string, ParameterSymbol> _byName = new(StringComparer.Ordinal);
        private readonly string[] _sortedNames;
        private readonly int[] _sortedPositions;

        public ParameterIndex(ImmutableArray<ParameterSymbol> parameters)
        {
            Parameters = parameters;
            foreach (var p in parameters)
                if (!_byName.ContainsKey(p.Name)) _byName.Add(p.Name, p); // the first of a name, as a linear search finds it
            _sortedPositions = Enumerable.Range(0, parameters.Length).ToArray();
            _sortedNames = parameters.Select(p => p.Name).ToArray();
            Array.Sort(_sortedNames, _sortedPositions, StringComparer.Ordinal);
        }

        public ImmutableArray<ParameterSymbol> Parameters { get; }

        public ParameterSymbol? Find(string name) => _byName.TryGetValue(name, out var p) ? p : null;

        public List<ParameterSymbol> StartingWith(string[] prefixes)
        {
            var positions = new List<int>();
            foreach (var prefix in prefixes)
            {
                // The first name not ordinally below the prefix; every name with the prefix follows it.
                int lo = 0, hi = _sortedNames.Length;
                while (lo < hi)
                {
                    var mid = (lo + hi) >> 1;
                    if (string.CompareOrdinal(_sortedNames[mid], prefix) < 0) lo = mid + 1;
                    else hi = mid;
                }
                for (var i = lo; i < _sortedNames.Length && _sortedNames[i].StartsWith(prefix, StringComparison.Ordinal); i++)
                    positions.Add(_sortedPositions[i]);
            }
            positions.Sort();
            return positions.Select(i => Parameters[i]).ToList();
        }
    }

    /// <summary>The calendar in force (parameters at their first value, unless overridden).</summary>
    public Runtime.Calendar Calendar(Func<ParameterSymbol, object?>? values = null)
    {
        decimal Get(ParameterSymbol p, decimal fallback)
        {
            var v = values is not null ? values(p) : ConstantFolder.TryFold(p.ValueAt(null), out var f) ? f : null;
            return v is decimal d ? d : fallback;
        }
        var d0 = Runtime.Calendar.Default;
        return new Runtime.Calendar(Get(SchoolMonths, d0.SchoolMonths), Get(Semesters, d0.Semesters), Get(SchoolDays, d0.SchoolDays), Get(PeriodsPerDay, d0.PeriodsPerDay));
    }
}
