using PolicyLang.Diagnostics;
using PolicyLang.Evaluation;
using PolicyLang.Symbols;
using PolicyLang.Types;

namespace PolicyLang.Binding;

/// <summary>
/// Decides questions about school conditions (can two caps apply to one school? is every school in scope
/// covered?) by enumerating the kinds of school the conditions can tell apart: every member of the enums
/// they read, the texts and numbers they compare with and one value besides. Conditions that read anything
/// but school fields and parameters are left alone (no finding rather than a wrong one).
/// </summary>
internal sealed class ConditionAnalyzer
{
    private const int MaxWorlds = 50_000;
    private readonly List<(FieldSymbol Field, List<object?> Values)> _atoms = new();
    private readonly List<RecordValue>? _worlds;

    private ConditionAnalyzer(IReadOnlyCollection<BoundExpression> conditions)
    {
        if (conditions.Any(c => !Analyzable(c))) return;
        var fields = new Dictionary<FieldSymbol, HashSet<object>>();
        foreach (var c in conditions) CollectAtoms(c, fields);
        foreach (var pair in fields)
            _atoms.Add((pair.Key, Domain(pair.Key, pair.Value)));
        long count = 1;
        foreach (var (_, values) in _atoms)
        {
            count *= values.Count;
            if (count > MaxWorlds) return;
        }
        _worlds = Enumerate().ToList();
    }

    public static ConditionAnalyzer For(IEnumerable<BoundExpression?> conditions) => new(conditions.OfType<BoundExpression>().ToList());

    /// <summary>False when the conditions could not be analysed.</summary>
    public bool IsUsable => _worlds is not null;
    public IReadOnlyList<RecordValue> Worlds => _worlds ?? (IReadOnlyList<RecordValue>)Array.Empty<RecordValue>();

    /// <summary>Null condition: always. Unknown results count as not holding.</summary>
    public static bool Holds(BoundExpression? condition, RecordValue school)
    {
        if (condition is null) return true;
        var context = new EvaluationContext(p => ConstantFolder.TryFold(p.ValueAt(null), out var v) ? v : null, Calendar.Default);
        context.SetRoot("school", school);
        try
        {
            return Evaluator.Evaluate(condition, context) is true;
        }
        catch (EvaluationException)
        {
            return false;
        }
        catch (InvalidCastException)
        {
            return false;
        }
    }

    /// <summary>"a school with stage = junior, location = rural" in both languages.</summary>
    public LocalizedText Describe(RecordValue world)
    {
        if (_atoms.Count == 0) return new LocalizedText("every school", "所有学校");
        var en = new List<string>();
        var zh = new List<string>();
        foreach (var (field, _) in _atoms)
        {
            var value = world[field.Name];
            en.Add($"{field.Name} = {Show(value, field, Language.English)}");
            zh.Add($"{field.ChineseDescription}为{Show(value, field, Language.Chinese)}");
        }
        return new LocalizedText("schools with " + string.Join(", ", en), string.Join("、", zh) + "的学校");
    }

    private static string Show(object? value, FieldSymbol field, Language language) => value switch
    {
        OtherValue => language == Language.Chinese ? "其他值" : "any other value",
        null => language == Language.Chinese ? "未填写" : "not given",
        _ => ValueFormatter.Format(value, field.Type, language),
    };

    private sealed class OtherValue
    {
        public static readonly OtherValue Instance = new();
        public override string ToString() => "(other)";
    }

    private IEnumerable<RecordValue> Enumerate()
    {
        var indices = new int[_atoms.Count];
        while (true)
        {
            var school = new RecordValue(PlanSchema.School);
            for (var i = 0; i < _atoms.Count; i++)
            {
                var v = _atoms[i].Values[indices[i]];
                school[_atoms[i].Field.Name] = v is OtherValue ? (_atoms[i].Field.Type.Kind == TypeKind.Text ? "\u0001other" : null) : v;
            }
            yield return school;
            var k = 0;
            while (k < _atoms.Count && ++indices[k] == _atoms[k].Values.Count)
            {
                indices[k] = 0;
                k++;
            }
            if (k == _atoms.Count) yield break;
        }
    }

    private static bool Analyzable(BoundExpression e)
    {
        switch (e)
        {
            case BoundRoot r:
                return r.Root == PlanSchema.SchoolRoot;
            case BoundMeasure:
            case BoundVariable:
            case BoundError:
            case BoundQuantifier:
            case BoundAggregate:
                return false;
            case BoundParameter p:
                return ConstantFolder.TryFold(p.Parameter.ValueAt(null), out _);
        }
        return e.Children.All(Analyzable);
    }

    private static void CollectAtoms(BoundExpression e, Dictionary<FieldSymbol, HashSet<object>> fields)
    {
        if (e is BoundField { Receiver: BoundRoot } f)
        {
            if (!fields.ContainsKey(f.Field)) fields[f.Field] = new HashSet<object>();
        }
        if (e is BoundBinary b)
        {
            var (field, other) = b.Left is BoundField { Receiver: BoundRoot } lf ? (lf.Field, b.Right) : b.Right is BoundField { Receiver: BoundRoot } rf ? (rf.Field, b.Left) : (null, null);
            if (field is not null && other is not null && ConstantFolder.TryFold(other, out var value) && value is not null)
            {
                if (!fields.TryGetValue(field, out var set)) fields[field] = set = new HashSet<object>();
                switch (value)
                {
                    case IReadOnlyList<object?> list:
                        foreach (var item in list.OfType<object>()) set.Add(item);
                        break;
                    case RangeValue range:
                        set.Add(range.Low);
                        set.Add(range.High);
                        break;
                    default:
                        set.Add(value);
                        break;
                }
            }
        }
        foreach (var c in e.Children) CollectAtoms(c, fields);
    }

    private static List<object?> Domain(FieldSymbol field, HashSet<object> mentioned)
    {
        switch (field.Type)
        {
            case EnumType e:
                return e.Symbol.Members.Cast<object?>().ToList();
            case { Kind: TypeKind.Bool }:
                return field.IsOptional ? new List<object?> { true, false, null } : new List<object?> { true, false };
            case { Kind: TypeKind.Text }:
                return mentioned.OfType<string>().OrderBy(s => s, StringComparer.Ordinal).Cast<object?>().Append(OtherValue.Instance).ToList();
            default:
            {
                // Numbers and times: each threshold, and one value on either side.
                var values = new SortedSet<decimal>();
                foreach (var m in mentioned)
                {
                    var d = m switch { decimal x => x, TimeOfDay t => t.Minutes, _ => (decimal?)null };
                    if (d is null) continue;
                    values.Add(d.Value - 1);
                    values.Add(d.Value);
                    values.Add(d.Value + 1);
                }
                if (values.Count == 0) values.Add(0);
                return field.Type.Kind == TypeKind.Time
                    ? values.Select(v => (object?)new TimeOfDay((int)v)).ToList()
                    : values.Select(v => (object?)v).ToList();
            }
        }
    }
}
