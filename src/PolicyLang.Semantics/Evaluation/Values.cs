using System.Globalization;
using System.Text;
using PolicyLang.Binding;
using PolicyLang.Diagnostics;
using PolicyLang.Symbols;
using PolicyLang.Syntax;
using PolicyLang.Types;

namespace PolicyLang.Evaluation;

/// <summary>A record value: a plan, its school, a fee, a segment, a district row. Absent fields read as null.</summary>
public sealed class RecordValue
{
    private readonly Dictionary<string, object?> _fields;

    public RecordValue(RecordSymbol record, Dictionary<string, object?>? fields = null)
    {
        Record = record;
        _fields = fields ?? new Dictionary<string, object?>(StringComparer.Ordinal);
    }

    public RecordSymbol Record { get; }
    public IReadOnlyDictionary<string, object?> Fields => _fields;

    public object? this[string name]
    {
        get => _fields.TryGetValue(name, out var v) ? v : null;
        set => _fields[name] = value;
    }

    public bool Has(string name) => _fields.ContainsKey(name);
}

/// <summary>
/// Writes evaluated values as policy text by their static type, through <see cref="ValueText"/> — the same
/// functions compiled validators call — so interpreter and compiled reports are the same strings.
/// </summary>
public static class ValueFormatter
{
    public static string Number(decimal d) => ValueText.Number(d);

    public static string Format(object? value, PolicyType type, Language language)
    {
        switch (value)
        {
            case null:
                return ValueText.None(language);
            case bool b:
                return ValueText.Bool(b, language);
            case TimeOfDay t:
                return ValueText.Time(t);
            case DateTime d:
                return ValueText.Date(d);
            case string s:
                return ValueText.Text(s);
            case EnumMemberSymbol m:
                return m.Display(language);
            case RangeValue r:
                return ValueText.Range(Format(r.Low, type.ElementType ?? type, language), Format(r.High, type.ElementType ?? type, language));
            case IReadOnlyList<object?> list:
            {
                var element = type.ElementType ?? PolicyType.Text;
                return ValueText.List(list.Select(v => Format(v, element, language)), language);
            }
            case RecordValue rec:
                return rec.Record.Name;
            case decimal d:
                return FormatNumber(d, type, language);
            case int i:
                return FormatNumber(i, type, language);
            default:
                return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }
    }

    private static string FormatNumber(decimal d, PolicyType type, Language language)
    {
        switch (type)
        {
            case MoneyType money:
                return ValueText.Money(d, money.Basis, money.Unit, language);
            case DurationRateType rate:
                return ValueText.DurationRate(d, rate.Unit, language);
        }
        return type.Kind switch
        {
            TypeKind.Duration => ValueText.Duration(d, language),
            TypeKind.Percent => ValueText.Percent(d),
            TypeKind.Periods => ValueText.Periods(d, language),
            TypeKind.Ratio => ValueText.Ratio(d, language),
            _ => ValueText.Number(d),
        };
    }
}
