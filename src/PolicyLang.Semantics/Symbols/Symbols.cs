using System.Collections.Immutable;
using PolicyLang.Diagnostics;
using PolicyLang.Syntax;
using PolicyLang.Text;
using PolicyLang.Types;

namespace PolicyLang.Symbols;

public enum SymbolKind
{
    Policy,
    Parameter,
    Rule,
    Measure,
    Scenario,
    Test,
    Variable,
    Field,
    Record,
    Enum,
    EnumMember,
    Function,
    Root,
}

public abstract class Symbol
{
    protected Symbol(string name) => Name = name;

    public string Name { get; }
    public abstract SymbolKind Kind { get; }
    /// <summary>Where the symbol is declared; null for built-in symbols.</summary>
    public Location? Location { get; init; }
    public override string ToString() => Name;
}

/// <summary>A clause of the source document, e.g. "四（三）".</summary>
public sealed class Citation
{
    public Citation(string clause, Location? location)
    {
        Clause = clause;
        Location = location;
    }

    public string Clause { get; }
    public Location? Location { get; }
    public override string ToString() => "§ " + Clause;
}

public sealed class EnumMemberSymbol : Symbol
{
    public EnumMemberSymbol(string name, string chineseName, EnumSymbol owner, int ordinal) : base(name)
    {
        ChineseName = chineseName;
        Owner = owner;
        Ordinal = ordinal;
    }

    public string ChineseName { get; }
    public EnumSymbol Owner { get; }
    public int Ordinal { get; }
    public override SymbolKind Kind => SymbolKind.EnumMember;
    public string Display(Language language) => language == Language.Chinese && ChineseName.Length > 0 ? ChineseName : Name;
}

public sealed class EnumSymbol : Symbol
{
    private readonly Dictionary<string, EnumMemberSymbol> _byName = new(StringComparer.Ordinal);

    public EnumSymbol(string name, string chineseName, string description, IEnumerable<(string Name, string Chinese)> members, IEnumerable<(string Alias, string Member)>? aliases = null)
        : base(name)
    {
        ChineseName = chineseName;
        Description = description;
        var list = new List<EnumMemberSymbol>();
        foreach (var (memberName, chinese) in members)
        {
            var member = new EnumMemberSymbol(memberName, chinese, this, list.Count);
            list.Add(member);
            _byName[memberName] = member;
            if (chinese.Length > 0) _byName[chinese] = member;
        }
        Members = list.ToImmutableArray();
        if (aliases is not null)
            foreach (var (alias, member) in aliases)
                _byName[alias] = _byName[member];
    }

    public string ChineseName { get; }
    public string Description { get; }
    public ImmutableArray<EnumMemberSymbol> Members { get; }
    public override SymbolKind Kind => SymbolKind.Enum;
    public EnumType Type => _type ??= new EnumType(this);
    private EnumType? _type;

    /// <summary>Finds a member by its English name, Chinese name or alias.</summary>
    public EnumMemberSymbol? Lookup(string name) => _byName.TryGetValue(name, out var m) ? m : null;
    public IEnumerable<string> Spellings => _byName.Keys;
}

public sealed class FieldSymbol : Symbol
{
    public FieldSymbol(string name, PolicyType type, string description, string chineseDescription, bool optional = false, bool derived = false, bool inDistrictData = false)
        : base(name)
    {
        Type = type;
        Description = description;
        ChineseDescription = chineseDescription;
        IsOptional = optional;
        IsDerived = derived;
        InDistrictData = inDistrictData;
    }

    public PolicyType Type { get; internal set; }
    public string Description { get; }
    public string ChineseDescription { get; }
    /// <summary>May be null or absent in a plan; a check that reads an absent value does not apply.</summary>
    public bool IsOptional { get; }
    /// <summary>Computed from other fields (e.g. service.end, the latest segment end), not read from JSON.</summary>
    public bool IsDerived { get; }
    /// <summary>A school field also present in district data (schools.csv), so conditions on it work in simulation.</summary>
    public bool InDistrictData { get; }
    public RecordSymbol? Owner { get; internal set; }
    public override SymbolKind Kind => SymbolKind.Field;
}

public sealed class RecordSymbol : Symbol
{
    private readonly Dictionary<string, FieldSymbol> _fields = new(StringComparer.Ordinal);
    private readonly List<FieldSymbol> _ordered = new();

    public RecordSymbol(string name, string chineseName, string jsonPath) : base(name)
    {
        ChineseName = chineseName;
        JsonPath = jsonPath;
    }

    public string ChineseName { get; }
    /// <summary>Where records of this kind sit in a plan document: $.school, $.fees[*], …</summary>
    public string JsonPath { get; }
    public override SymbolKind Kind => SymbolKind.Record;
    public IReadOnlyList<FieldSymbol> Fields => _ordered;
    public RecordType Type => _type ??= new RecordType(this);
    private RecordType? _type;

    public FieldSymbol Add(FieldSymbol field)
    {
        field.Owner = this;
        _fields[field.Name] = field;
        _ordered.Add(field);
        return field;
    }

    public FieldSymbol? Lookup(string name) => _fields.TryGetValue(name, out var f) ? f : null;
}

/// <summary>A built-in name that a rule or measure reads from: plan, school, cohorts.</summary>
public sealed class RootSymbol : Symbol
{
    public RootSymbol(string name, PolicyType type, string description) : base(name)
    {
        Type = type;
        Description = description;
    }

    public PolicyType Type { get; }
    public string Description { get; }
    public override SymbolKind Kind => SymbolKind.Root;
}

public sealed class VariableSymbol : Symbol
{
    public VariableSymbol(string name, PolicyType type) : base(name) => Type = type;

    public PolicyType Type { get; }
    public override SymbolKind Kind => SymbolKind.Variable;
}

public enum ParameterOrigin
{
    /// <summary>Declared with <c>param</c>.</summary>
    Declared,
    /// <summary>A value of a section line (fee.cap, window.end, pay.staff_share, …).</summary>
    Section,
    /// <summary>A calendar value, declared or defaulted.</summary>
    Calendar,
}

/// <summary>A value that applies from a date on.</summary>
public sealed class DatedValue
{
    public DatedValue(DateTime? from, Binding.BoundExpression value)
    {
        From = from;
        Value = value;
    }

    /// <summary>Null for the first value, which holds from the policy's effective date.</summary>
    public DateTime? From { get; }
    public Binding.BoundExpression Value { get; }
}

public sealed class ParameterSymbol : Symbol
{
    public ParameterSymbol(string name, PolicyType type, ParameterOrigin origin, ImmutableArray<DatedValue> values, Citation? citation) : base(name)
    {
        Type = type;
        Origin = origin;
        Values = values;
        Citation = citation;
    }

    public PolicyType Type { get; }
    public ParameterOrigin Origin { get; }
    public ImmutableArray<DatedValue> Values { get; internal set; }
    public Citation? Citation { get; }
    /// <summary>The policy that declares it (a parent's parameter keeps its parent).</summary>
    public PolicySymbol? Policy { get; internal set; }
    public override SymbolKind Kind => SymbolKind.Parameter;

    /// <summary>The value in force on a date (the last one whose start is on or before it).</summary>
    public Binding.BoundExpression ValueAt(DateTime? date)
    {
        var chosen = Values[0];
        if (date is { } d)
            foreach (var v in Values)
                if (v.From is { } from && from <= d)
                    chosen = v;
        return chosen.Value;
    }
}

public enum RuleSeverity
{
    Error,
    Warning,
}

public sealed class RuleSymbol : Symbol
{
    public RuleSymbol(string name, LocalizedText description, Citation? citation, RuleSeverity severity) : base(name)
    {
        Description = description;
        Citation = citation;
        Severity = severity;
    }

    /// <summary>What the rule requires, in English and Chinese.</summary>
    public LocalizedText Description { get; }
    public Citation? Citation { get; }
    public RuleSeverity Severity { get; }
    public PolicySymbol? Policy { get; internal set; }
    public override SymbolKind Kind => SymbolKind.Rule;
}

public sealed class MeasureSymbol : Symbol
{
    public MeasureSymbol(string name, PolicyType type, Citation? citation) : base(name)
    {
        Type = type;
        Citation = citation;
    }

    public PolicyType Type { get; internal set; }
    public Citation? Citation { get; }
    public Binding.BoundExpression? Expression { get; internal set; }
    /// <summary>A measure of the standard simulation model (the prelude), not redefined by the policy.</summary>
    public bool IsStandard { get; internal set; }
    public override SymbolKind Kind => SymbolKind.Measure;
}

public sealed class FunctionSymbol : Symbol
{
    public FunctionSymbol(string name, string chineseName, string description, string chineseDescription, int minArguments, int maxArguments, bool aggregate)
        : base(name)
    {
        ChineseName = chineseName;
        Description = description;
        ChineseDescription = chineseDescription;
        MinArguments = minArguments;
        MaxArguments = maxArguments;
        IsAggregate = aggregate;
    }

    public string ChineseName { get; }
    public string Description { get; }
    public string ChineseDescription { get; }
    public int MinArguments { get; }
    public int MaxArguments { get; }
    /// <summary>Accepts a comprehension: sum(x.count for x in list where …).</summary>
    public bool IsAggregate { get; }
    public override SymbolKind Kind => SymbolKind.Function;
}

public sealed class PolicySymbol : Symbol
{
    public PolicySymbol(string name) : base(name) { }

    public override SymbolKind Kind => SymbolKind.Policy;
    public string? Title { get; internal set; }
    public string? Issuer { get; internal set; }
    public string? Document { get; internal set; }
    public EnumMemberSymbol? Level { get; internal set; }
    public DateTime? Effective { get; internal set; }
    public DateTime? Until { get; internal set; }
    /// <summary>Which schools the policy covers (a school condition); null: all.</summary>
    public Binding.BoundExpression? Applies { get; internal set; }
    public string? ParentName { get; internal set; }
    public PolicySymbol? Parent { get; internal set; }
    public string Path => Location?.Path ?? string.Empty;
}
