namespace PolicyLang.Simulation.Data;

/// <summary>
/// Reads one enumeration's values from district data by English or Chinese name, without allocating, and
/// words the error for an unknown value (the valid values and a did-you-mean).
/// </summary>
internal sealed class EnumLookup
{
    private readonly Dictionary<string, sbyte> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, sbyte>.AlternateLookup<ReadOnlySpan<char>> _byText;
    private readonly (string En, string Zh)[] _valid;

    private EnumLookup(string kind, string kindChinese, (string En, string Zh, sbyte Code)[] members)
    {
        Kind = kind;
        KindChinese = kindChinese;
        foreach (var (en, zh, code) in members)
        {
            _codes[en] = code;
            if (zh.Length > 0) _codes[zh] = code;
        }
        _byText = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
        _valid = members.Select(m => (m.En, m.Zh)).ToArray();
    }

    public string Kind { get; }
    public string KindChinese { get; }

    public bool TryParse(ReadOnlySpan<char> text, out sbyte code) => _byText.TryGetValue(text, out code);

    public (string, string) Unknown(string text) =>
        DataMessages.UnknownEnum(text, Kind, KindChinese, _valid, Spelling.Suggest(text, _codes.Keys));

    private static EnumLookup Of<T>(EnumNames<T> names, string kind, string kindChinese, params (string, string, sbyte)[] extra) where T : struct, Enum
    {
        var members = names.JsonNames.Select((en, i) => (en, names.ChineseNames[i], (sbyte)i)).ToList();
        members.InsertRange(0, extra);
        return new EnumLookup(kind, kindChinese, members.ToArray());
    }

    public static readonly EnumLookup Stage = Of(PlanEnums.Stage, "stage", "学段");
    public static readonly EnumLookup Location = Of(PlanEnums.Location, "location", "地域");
    public static readonly EnumLookup Ownership = Of(PlanEnums.Ownership, "ownership", "办学性质");

    /// <summary>Family categories; 'none' (无) reads as code -1.</summary>
    public static readonly EnumLookup Category = Of(PlanEnums.Category, "category", "家庭类别",
        (DistrictSchema.NoCategory, DistrictSchema.NoCategoryChinese, (sbyte)-1));
}

/// <summary>
/// Remembers the few distinct UTF-8 spellings a column has met (up to 64) and what each read as, so that a column of
/// many rows with few distinct values (enumerations, times of day) is read by comparing bytes. Only good values are
/// remembered: a bad one goes through the full read every time, which reports it. A spelling of up to 15 bytes (a time
/// of day, an English or Chinese name) is found by its bytes packed into two 64-bit words, in a small table; a longer one
/// by comparing it with each remembered spelling.
/// </summary>
internal sealed class Utf8Memo<T>
{
    private const int Capacity = 64;
    // Open addressing over 128 slots (at most half full): a packed key has its length, 1 to 15, in the top byte of its
    // second word, so an empty slot (both words 0) is never a key.
    private const int Slots = 128;
    private readonly ulong[] _shortKeys = new ulong[2 * Slots];
    private readonly T[] _shortValues = new T[Slots];
    private int _shortCount;
    private readonly byte[][] _keys = new byte[Capacity][];
    private readonly T[] _values = new T[Capacity];
    private int _count;
    private int _last;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool TryGet(ReadOnlySpan<byte> key, out T value)
    {
        if (key.Length is > 0 and < 16)
        {
            var (low, high) = Packed(key);
            for (var slot = Slot(low, high); ; slot = (slot + 1) & (Slots - 1))
            {
                var foundHigh = _shortKeys[2 * slot + 1];
                if (foundHigh == high && _shortKeys[2 * slot] == low)
                {
                    value = _shortValues[slot];
                    return true;
                }
                if (foundHigh == 0)
                {
                    value = default!;
                    return false;
                }
            }
        }
        // The same value as the last row, then the others.
        if (_count > 0 && key.SequenceEqual(_keys[_last]))
        {
            value = _values[_last];
            return true;
        }
        for (var i = 0; i < _count; i++)
        {
            if (key.SequenceEqual(_keys[i]))
            {
                _last = i;
                value = _values[i];
                return true;
            }
        }
        value = default!;
        return false;
    }

    public void Add(ReadOnlySpan<byte> key, T value)
    {
        if (key.Length is > 0 and < 16)
        {
            if (_shortCount == Capacity) return;
            var (low, high) = Packed(key);
            var slot = Slot(low, high);
            while (_shortKeys[2 * slot + 1] != 0 && (_shortKeys[2 * slot + 1] != high || _shortKeys[2 * slot] != low)) slot = (slot + 1) & (Slots - 1);
            if (_shortKeys[2 * slot + 1] == 0) _shortCount++;
            _shortKeys[2 * slot] = low;
            _shortKeys[2 * slot + 1] = high;
            _shortValues[slot] = value;
            return;
        }
        if (_count == Capacity) return;
        _keys[_count] = key.ToArray();
        _values[_count] = value;
        _last = _count++;
    }

    /// <summary>The bytes of a key of 1 to 15 bytes in two words, its length in the top byte of the second.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static (ulong Low, ulong High) Packed(ReadOnlySpan<byte> key)
    {
        if (key.Length >= 8)
            return (System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(key), Tail(key[8..]) | (ulong)key.Length << 56);
        return (Tail(key), (ulong)key.Length << 56);
    }

    /// <summary>Up to 7 bytes as the low bytes of a word.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ulong Tail(ReadOnlySpan<byte> bytes)
    {
        ulong word = 0;
        for (var i = bytes.Length - 1; i >= 0; i--) word = word << 8 | bytes[i];
        return word;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int Slot(ulong low, ulong high) => (int)(((low ^ (high * 0xC2B2AE3D27D4EB4FUL)) * 0x9E3779B97F4A7C15UL) >> 57);
}
