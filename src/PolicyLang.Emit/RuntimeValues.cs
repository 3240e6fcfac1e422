using PolicyLang.Symbols;
using PolicyLang.Types;

namespace PolicyLang.Emit;

/// <summary>
/// Turns values as the interpreter holds them (decimals, times, enum member symbols, lists) into the values a
/// compiled policy's <c>Parameters.Create</c> takes as overrides (decimals, times, runtime enums, typed arrays).
/// </summary>
public static class RuntimeValues
{
    public static object? ToRuntime(object? value, PolicyType type)
    {
        switch (value)
        {
            case null:
                return null;
            case EnumMemberSymbol member:
                return Enum.ToObject(EnumClrType(member.Owner), member.Ordinal);
            case IReadOnlyList<object?> list:
            {
                var element = type.ElementType ?? PolicyType.Text;
                var clr = element is EnumType e ? EnumClrType(e.Symbol) : ClrType(element);
                var array = Array.CreateInstance(clr, list.Count);
                for (var i = 0; i < list.Count; i++) array.SetValue(ToRuntime(list[i], element), i);
                return array;
            }
            default:
                return value;
        }
    }

    private static Type EnumClrType(EnumSymbol symbol) =>
        typeof(SchoolPlan).Assembly.GetType("PolicyLang.Runtime." + TypeMap.EnumType(symbol), throwOnError: true)!;

    private static Type ClrType(PolicyType type) => type.Kind switch
    {
        TypeKind.Bool => typeof(bool),
        TypeKind.Time => typeof(TimeOfDay),
        TypeKind.Date => typeof(DateTime),
        TypeKind.Text => typeof(string),
        _ => typeof(decimal),
    };
}
