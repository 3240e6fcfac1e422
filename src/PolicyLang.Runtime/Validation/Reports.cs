namespace PolicyLang.Runtime;

public enum Severity
{
    Error,
    Warning,
}

/// <summary>
/// A value shown in a report, in English and Chinese policy text. Compiled validators make it without writing
/// any text: a number with its kind of unit is kept as it is and written when the report is read, a name is kept
/// as the plan's own string, an enumeration member or yes/no as its shared pair of names — so checking a plan that
/// breaks rules allocates no strings (nor anything else, for a window of times). Kept small (32 bytes): a broken
/// plan's report holds three per violation.
/// </summary>
public readonly struct ShownValue
{
    private enum Kind : byte
    {
        /// <summary>default(ShownValue): no value (a violation without a subject, say).</summary>
        Absent,
        Text,
        Same,
        Quoted,
        Lazy,
        Range,
        TimeRange,
        Money,
        Number,
        Duration,
        DurationRate,
        Percent,
        Periods,
        Ratio,
        Time,
    }

    /// <summary>Text: a <see cref="TextPair"/>; Same and Quoted: the string; Lazy: the formatter; Range: a <see cref="ValueRange"/>.</summary>
    private readonly object? _ref;
    private readonly decimal _value;
    private readonly Kind _kind;
    private readonly byte _basis;
    /// <summary>The <see cref="TimeUnit"/> plus one; 0 for none.</summary>
    private readonly byte _unit;
    /// <summary>TimeRange: the end (the start is the value). Fits in the struct's padding.</summary>
    private readonly int _end;

    public ShownValue(string english, string chinese)
        : this(Kind.Text, 0, reference: new TextPair(english, chinese))
    {
    }

    internal ShownValue(TextPair pair)
        : this(Kind.Text, 0, reference: pair)
    {
    }

    private ShownValue(Kind kind, decimal value, RateBasis basis = RateBasis.None, TimeUnit? unit = null, object? reference = null, int end = 0)
    {
        _end = end;
        _ref = reference;
        _value = value;
        _kind = kind;
        _basis = (byte)basis;
        _unit = unit is { } u ? (byte)((int)u + 1) : (byte)0;
    }

    /// <summary>A value whose text is written on demand, in the language asked for.</summary>
    public static ShownValue Lazy(Func<Language, string> format) => new(Kind.Lazy, 0, reference: format);

    /// <summary>From one value to another (a time window).</summary>
    public static ShownValue Range(ShownValue low, ShownValue high) => low._kind == Kind.Time && high._kind == Kind.Time
        ? new(Kind.TimeRange, low._value, end: (int)high._value)
        : new(Kind.Range, 0, reference: new ValueRange(low, high));

    /// <summary>A text from the plan, quoted as policy text quotes it, in either language.</summary>
    public static ShownValue Quoted(string text) => new(Kind.Quoted, 0, reference: text);

    public static ShownValue Money(decimal value, RateBasis basis, TimeUnit? unit) => new(Kind.Money, value, basis, unit);
    public static ShownValue Number(decimal value) => new(Kind.Number, value);
    public static ShownValue Duration(decimal minutes) => new(Kind.Duration, minutes);
    public static ShownValue DurationRate(decimal minutes, TimeUnit unit) => new(Kind.DurationRate, minutes, unit: unit);
    public static ShownValue Percent(decimal fraction) => new(Kind.Percent, fraction);
    public static ShownValue Periods(decimal periods) => new(Kind.Periods, periods);
    public static ShownValue Ratio(decimal ratio) => new(Kind.Ratio, ratio);
    public static ShownValue Time(TimeOfDay time) => new(Kind.Time, time.Minutes);

    /// <summary>False for default(ShownValue), which stands for no value.</summary>
    public bool IsPresent => _kind != Kind.Absent;

    public string English => Text(Language.English);
    public string Chinese => Text(Language.Chinese);

    private TimeUnit? Unit => _unit == 0 ? null : (TimeUnit)(_unit - 1);

    public string Text(Language language) => _kind switch
    {
        Kind.Absent => string.Empty,
        Kind.Text => ((TextPair)_ref!).Text(language),
        Kind.Same => (string)_ref!,
        Kind.Quoted => ValueText.Text((string)_ref!),
        Kind.Lazy => ((Func<Language, string>)_ref!).Invoke(language),
        Kind.Range => ((ValueRange)_ref!).Text(language),
        Kind.TimeRange => ValueText.Range(ValueText.Time(new TimeOfDay((int)_value)), ValueText.Time(new TimeOfDay(_end))),
        Kind.Money => ValueText.Money(_value, (RateBasis)_basis, Unit, language),
        Kind.Number => ValueText.Number(_value),
        Kind.Duration => ValueText.Duration(_value, language),
        Kind.DurationRate => ValueText.DurationRate(_value, Unit ?? TimeUnit.Day, language),
        Kind.Percent => ValueText.Percent(_value),
        Kind.Periods => ValueText.Periods(_value, language),
        Kind.Ratio => ValueText.Ratio(_value, language),
        _ => ValueText.Time(new TimeOfDay((int)_value)),
    };

    public override string ToString() => English;
    public static ShownValue Same(string text) => new(Kind.Same, 0, reference: text);
}

/// <summary>The two ends of a range shown in a report (other than a window of times).</summary>
internal sealed record ValueRange(ShownValue Low, ShownValue High)
{
    public string Text(Language language) => ValueText.Range(Low.Text(language), High.Text(language));
}

/// <summary>A text in English and in Chinese, made once and shared (an enumeration member's names, yes and no).</summary>
internal sealed record TextPair(string English, string Chinese)
{
    public string Text(Language language) => language == Language.Chinese ? Chinese : English;
}

/// <summary>What a policy says about a rule: id, citation, what it requires.</summary>
public sealed class RuleInfo
{
    public RuleInfo(string id, string code, string? citation, string descriptionEnglish, string descriptionChinese, Severity severity, string policy)
    {
        Id = id;
        Code = code;
        Citation = citation;
        DescriptionEnglish = descriptionEnglish;
        DescriptionChinese = descriptionChinese;
        Severity = severity;
        Policy = policy;
    }

    /// <summary>fee.cap.urban, window.end, voluntary, …</summary>
    public string Id { get; }
    /// <summary>The kind of check: the section line (fee.cap, window.end, eligibility.voluntary) or "rule" for a written rule.</summary>
    public string Code { get; }
    /// <summary>The clause of the source document, e.g. 四（三）.</summary>
    public string? Citation { get; }
    public string DescriptionEnglish { get; }
    public string DescriptionChinese { get; }
    public Severity Severity { get; }
    /// <summary>The policy that states the rule (a parent's rule keeps its parent's name).</summary>
    public string Policy { get; }
    public string Description(Language language) => language == Language.Chinese ? DescriptionChinese : DescriptionEnglish;
}

/// <summary>A rule a plan breaks, with the value found and the limit, the clause and the messages.</summary>
public sealed class Violation : IEquatable<Violation>
{
    // Kept as plain values, default(ShownValue) for none: a broken plan's report holds a few of these.
    private readonly ShownValue _subject;
    private readonly ShownValue _actual;
    private readonly ShownValue _limit;

    public Violation(RuleInfo rule, ShownValue? subject, ShownValue? actual, ShownValue? limit)
    {
        Rule = rule;
        _subject = subject ?? default;
        _actual = actual ?? default;
        _limit = limit ?? default;
    }

    public RuleInfo Rule { get; }
    /// <summary>The element that breaks the rule (a fee item, an activity), when the rule goes through a list.</summary>
    public ShownValue? Subject => _subject.IsPresent ? _subject : null;
    public ShownValue? Actual => _actual.IsPresent ? _actual : null;
    public ShownValue? Limit => _limit.IsPresent ? _limit : null;
    public string RuleId => Rule.Id;
    public string Code => Rule.Code;
    public string? Citation => Rule.Citation;
    public Severity Severity => Rule.Severity;

    public string Message(Language language)
    {
        var zh = language == Language.Chinese;
        var sb = new System.Text.StringBuilder(Rule.Description(language));
        if (Actual is { } actual)
        {
            sb.Append(zh ? "；实际为 " : "; found ").Append(actual.Text(language));
            if (Subject is { } s) sb.Append(zh ? "（" : " (").Append(s.Text(language)).Append(zh ? "）" : ")");
        }
        else if (Subject is { } s)
        {
            sb.Append(zh ? "；涉及 " : "; at ").Append(s.Text(language));
        }
        if (Limit is { } limit) sb.Append(zh ? "，限值 " : ", limit ").Append(limit.Text(language));
        return sb.ToString();
    }

    public bool Equals(Violation? other) =>
        other is not null && other.Rule.Id == Rule.Id && Same(other.Subject, Subject) && Same(other.Actual, Actual) && Same(other.Limit, Limit);

    private static bool Same(ShownValue? a, ShownValue? b) =>
        a is null ? b is null : b is not null && a.Value.English == b.Value.English && a.Value.Chinese == b.Value.Chinese;

    public override bool Equals(object? obj) => Equals(obj as Violation);
    public override int GetHashCode() => Rule.Id.GetHashCode();
    public override string ToString() => $"{Rule.Id}: {Message(Language.English)}";
}

/// <summary>
/// Collects a plan's violations as a compiled validator finds them, in a buffer kept per thread, so that a report
/// allocates only its own array of the exact size (no list, no growing). A local of the validator: it is a mutable
/// struct, so it must not be copied while in use.
/// </summary>
public struct ViolationCollector
{
    [ThreadStatic]
    private static Violation[]? t_spare;

    private Violation[]? _items;
    private int _count;

    public void Add(Violation violation)
    {
        if (_items is null)
        {
            // A validator that runs inside another on the same thread (none does today) takes a buffer of its own.
            _items = t_spare ?? new Violation[16];
            t_spare = null;
        }
        else if (_count == _items.Length)
        {
            Array.Resize(ref _items, _count * 2);
        }
        _items[_count++] = violation;
    }

    /// <summary>The report of what was added: the shared compliant report when nothing was.</summary>
    public ValidationReport ToReport()
    {
        if (_items is null) return ValidationReport.Compliant;
        var found = new Violation[_count];
        Array.Copy(_items, found, _count);
        Array.Clear(_items, 0, _count);
        t_spare = _items;
        _items = null;
        _count = 0;
        return new ValidationReport(found);
    }
}

/// <summary>The outcome of validating one plan.</summary>
public sealed class ValidationReport
{
    private static readonly IReadOnlyList<Violation> s_none = Array.Empty<Violation>();

    public ValidationReport(IReadOnlyList<Violation> violations, bool applies = true)
    {
        Violations = violations;
        Applies = applies;
    }

    /// <summary>The shared report of a plan with nothing to report.</summary>
    public static ValidationReport Compliant { get; } = new(s_none);

    /// <summary>The shared report of a school the policy does not cover.</summary>
    public static ValidationReport NotApplicable { get; } = new(s_none, applies: false);

    public IReadOnlyList<Violation> Violations { get; }
    /// <summary>False when the policy does not apply to the school (its 'applies' does not hold).</summary>
    public bool Applies { get; }
    /// <summary>No violation of error severity (warnings do not make a plan non-compliant).</summary>
    public bool IsCompliant
    {
        get
        {
            foreach (var v in Violations)
                if (v.Severity == Severity.Error) return false;
            return true;
        }
    }
}

/// <summary>A policy's header and rules, as compiled.</summary>
public sealed class PolicyInfo
{
    public PolicyInfo(string name, string? title, string? issuer, string? document, string? level, DateTime? effective, DateTime? until, string? parent,
        IReadOnlyList<RuleInfo> rules)
    {
        Name = name;
        Title = title;
        Issuer = issuer;
        Document = document;
        Level = level;
        Effective = effective;
        Until = until;
        Parent = parent;
        Rules = rules;
    }

    public string Name { get; }
    public string? Title { get; }
    public string? Issuer { get; }
    public string? Document { get; }
    public string? Level { get; }
    public DateTime? Effective { get; }
    public DateTime? Until { get; }
    public string? Parent { get; }
    public IReadOnlyList<RuleInfo> Rules { get; }
    /// <summary>Every clause cited by the policy's rules, in order of first citation.</summary>
    public IReadOnlyList<string> Clauses => Rules.Select(r => r.Citation).OfType<string>().Distinct().ToList();
}

/// <summary>What every compiled policy (and the interpreter) offers.</summary>
public interface IPlanValidator
{
    PolicyInfo Info { get; }
    ValidationReport Validate(SchoolPlan plan);
}
