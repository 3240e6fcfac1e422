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

/// <summary>Writes values as policy text: 100 CNY per student per month, 18:30, 40 min, 80%.</summary>
public static class ValueFormatter
{
    public static string Number(decimal d) => d.ToString("0.##########", CultureInfo.InvariantCulture);

    public static string Format(object? value, PolicyType type, MessageLanguage language)
    {
        var zh = language == MessageLanguage.Chinese;
        switch (value)
        {
            case null:
                return zh ? "无" : "none";
            case bool b:
                return zh ? (b ? "是" : "否") : (b ? "true" : "false");
            case TimeOfDay t:
                return t.ToString();
            case DateTime d:
                return d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case string s:
                return SyntaxFacts.QuoteString(s);
            case EnumMemberSymbol m:
                return m.Display(language);
            case RangeValue r:
                return Format(r.Low, type.ElementType ?? type, language) + ".." + Format(r.High, type.ElementType ?? type, language);
            case IReadOnlyList<object?> list:
            {
                var element = type.ElementType ?? PolicyType.Text;
                return "{" + string.Join(zh ? "、" : ", ", list.Select(v => Format(v, element, language))) + "}";
            }
            case RecordValue rec:
                return rec.Record.Name;
            case decimal d:
                return FormatNumber(d, type, language);
            case int i:
                return FormatNumber(i, type, language);
            default:
                return Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        }
    }

    private static string FormatNumber(decimal d, PolicyType type, MessageLanguage language)
    {
        var zh = language == MessageLanguage.Chinese;
        switch (type)
        {
            case MoneyType money:
            {
                var amount = Number(Math.Round(d, 2, MidpointRounding.AwayFromZero));
                if (money.Unit is null) return zh ? amount + " 元" : amount + " CNY";
                return amount + " " + money.ToString(language);
            }
            case DurationRateType rate:
                return Duration(d, zh) + (zh ? " 每" : " per ") + SyntaxFacts.TimeUnitName(rate.Unit, language);
        }
        switch (type.Kind)
        {
            case TypeKind.Duration:
                return Duration(d, zh);
            case TypeKind.Percent:
                return Number(d * 100m) + "%";
            case TypeKind.Periods:
                return Number(d) + (zh ? " 课时" : d == 1 ? " period" : " periods");
            case TypeKind.Ratio:
                return Number(d) + (zh ? " 学生 每 教职工" : " students per staff");
            default:
                return Number(d);
        }
    }

    private static string Duration(decimal minutes, bool zh)
    {
        if (minutes >= 60 && minutes % 60 == 0) return Number(minutes / 60) + (zh ? " 小时" : " h");
        return Number(minutes) + (zh ? " 分钟" : " min");
    }

    public static string Describe(IEnumerable<string> parts)
    {
        var sb = new StringBuilder();
        foreach (var p in parts)
        {
            if (sb.Length > 0) sb.Append(", ");
            sb.Append(p);
        }
        return sb.ToString();
    }
}
