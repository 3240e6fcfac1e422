using System.Globalization;
using System.Text.Json;

namespace PolicyLang.Simulation.Scenarios;

/// <summary>
/// A compiled policy's parameter values (<see cref="Emit.RuntimeValues"/>: decimals, yes/no, texts, times, dates,
/// runtime enums, arrays of these) as JSON in a prepared simulation, exactly: a decimal keeps its scale, a date its
/// kind. Each value is an object <c>{"type": …, "value": …}</c> (<c>"items"</c> for an array).
/// </summary>
internal static class PreparedValues
{
    private const string EnumPrefix = "enum:";
    private const string ArrayPrefix = "array:";

    /// <summary>Writes the value; false (having written something incomplete) for a kind of value it does not know.</summary>
    public static bool TryWrite(Utf8JsonWriter json, object? value)
    {
        if (value is Array array)
        {
            if (array.Rank != 1 || TypeName(array.GetType().GetElementType()!) is not { } element) return false;
            json.WriteStartObject();
            json.WriteString("type", ArrayPrefix + element);
            json.WriteStartArray("items");
            foreach (var item in array)
                if (item is null || !TryWrite(json, item)) return false;
            json.WriteEndArray();
            json.WriteEndObject();
            return true;
        }
        if (value is not null && TypeName(value.GetType()) is null) return false;
        json.WriteStartObject();
        switch (value)
        {
            case null:
                json.WriteString("type", "null");
                break;
            case decimal d:
                json.WriteString("type", "decimal");
                json.WriteString("value", d.ToString(CultureInfo.InvariantCulture));
                break;
            case bool b:
                json.WriteString("type", "bool");
                json.WriteBoolean("value", b);
                break;
            case string s:
                json.WriteString("type", "text");
                json.WriteString("value", s);
                break;
            case TimeOfDay t:
                json.WriteString("type", "time");
                json.WriteNumber("value", t.Minutes);
                break;
            case DateTime date:
                json.WriteString("type", "date");
                json.WriteNumber("value", date.ToBinary());
                break;
            case Enum e:
                json.WriteString("type", EnumPrefix + e.GetType().FullName);
                json.WriteNumber("value", Convert.ToInt32(e, CultureInfo.InvariantCulture));
                break;
        }
        json.WriteEndObject();
        return true;
    }

    /// <summary>The value written by <see cref="TryWrite"/>; <see cref="FormatException"/> for anything else.</summary>
    public static object? Read(JsonElement element)
    {
        var type = element.GetProperty("type").GetString() ?? throw new FormatException("a value without a type");
        if (type.StartsWith(ArrayPrefix, StringComparison.Ordinal))
        {
            var clr = ClrType(type.Substring(ArrayPrefix.Length));
            var items = element.GetProperty("items");
            var array = Array.CreateInstance(clr, items.GetArrayLength());
            var i = 0;
            foreach (var item in items.EnumerateArray())
            {
                var value = Read(item);
                if (value is null || value.GetType() != clr) throw new FormatException("an array item of another type");
                array.SetValue(value, i++);
            }
            return array;
        }
        if (type == "null") return null;
        var v = element.GetProperty("value");
        return type switch
        {
            "decimal" => decimal.Parse(v.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture),
            "bool" => v.GetBoolean(),
            "text" => v.GetString()!,
            "time" => new TimeOfDay(v.GetInt32()),
            "date" => DateTime.FromBinary(v.GetInt64()),
            _ => Enum.ToObject(ClrType(type), v.GetInt32()),
        };
    }

    private static string? TypeName(Type type)
    {
        if (type == typeof(decimal)) return "decimal";
        if (type == typeof(bool)) return "bool";
        if (type == typeof(string)) return "text";
        if (type == typeof(TimeOfDay)) return "time";
        if (type == typeof(DateTime)) return "date";
        if (type.IsEnum && type.Assembly == typeof(SchoolPlan).Assembly) return EnumPrefix + type.FullName;
        return null;
    }

    private static Type ClrType(string name) => name switch
    {
        "decimal" => typeof(decimal),
        "bool" => typeof(bool),
        "text" => typeof(string),
        "time" => typeof(TimeOfDay),
        "date" => typeof(DateTime),
        _ when name.StartsWith(EnumPrefix, StringComparison.Ordinal)
               && typeof(SchoolPlan).Assembly.GetType(name.Substring(EnumPrefix.Length), throwOnError: false) is { IsEnum: true } e => e,
        _ => throw new FormatException("an unknown type of value: " + name),
    };
}
