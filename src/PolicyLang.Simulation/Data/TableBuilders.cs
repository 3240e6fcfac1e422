using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Unicode;

namespace PolicyLang.Simulation.Data;

/// <summary>
/// Receives one table's cells from a reader (CSV, Parquet or DuckDB), checks each against its column and keeps
/// it in a growing column. Rows are 0-based here and 1-based in errors. Every reader delivers the same kinds of
/// value (text, UTF-8 text, whole numbers, reals, decimals, times), so every form of the data is checked alike.
/// </summary>
internal abstract class TableBuilder
{
    private char[] _chars = new char[256];

    protected TableBuilder(string file, ColumnSpec[] columns, DataErrorSink errors)
    {
        File = file;
        Columns = columns;
        Errors = errors;
    }

    public string File { get; }
    public ColumnSpec[] Columns { get; }
    protected DataErrorSink Errors { get; }

    /// <summary>Rows received so far (every row has a slot, good or bad).</summary>
    public int Count { get; private set; }

    protected abstract void Resize(int capacity);
    protected int Capacity { get; private set; }

    /// <summary>Makes room for rows up to <paramref name="rows"/> and counts them as present.</summary>
    public void Grow(int rows)
    {
        if (rows > Capacity)
        {
            var capacity = Math.Max(rows, Math.Min(Array.MaxLength, Math.Max(1024, Capacity * 2)));
            Resize(capacity);
            Capacity = capacity;
        }
        if (rows > Count) Count = rows;
    }

    /// <summary>Sets the exact capacity when the row count is known in advance.</summary>
    public void Reserve(int rows)
    {
        if (rows > Capacity)
        {
            Resize(rows);
            Capacity = rows;
        }
    }

    public void Error(long row, int column, (string English, string Chinese) message) =>
        Errors.Add(File, row + 1, Columns[column].Name, message.English, message.Chinese);

    // ---- cells, as readers deliver them -------------------------------------------------------------------

    public abstract void Text(int column, long row, ReadOnlySpan<char> text);

    /// <summary>A cell as UTF-8 bytes (CSV, DuckDB). Subclasses read common cells without decoding them.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public virtual void Utf8(int column, long row, ReadOnlySpan<byte> bytes)
    {
        if (Decode(bytes, row, column, out var chars)) Text(column, row, chars);
    }

    public abstract void Integer(int column, long row, long value);

    /// <summary>Whole numbers of one column, rows <paramref name="row"/> onwards, none missing.</summary>
    public virtual void Integers(int column, long row, ReadOnlySpan<long> values)
    {
        for (var i = 0; i < values.Length; i++) Integer(column, row + i, values[i]);
    }

    /// <summary>Decimals of one column as their digits and scale (<see cref="ScaledMoney"/>), rows <paramref name="row"/> onwards, none missing.</summary>
    public virtual void ScaledMoneys(int column, long row, ReadOnlySpan<long> mantissas, byte scale)
    {
        for (var i = 0; i < mantissas.Length; i++) ScaledMoney(column, row + i, mantissas[i], scale);
    }
    public abstract void Real(int column, long row, double value);
    public abstract void Money(int column, long row, decimal value);

    /// <summary>A decimal as its digits and scale (a DuckDB DECIMAL of up to 18 digits): <paramref name="mantissa"/> × 10^-scale.</summary>
    public virtual void ScaledMoney(int column, long row, long mantissa, byte scale) => Money(column, row, Scaled(mantissa, scale));

    /// <summary><paramref name="mantissa"/> × 10^-scale, with that scale (as decimal.Parse gives it for the same digits).</summary>
    protected static decimal Scaled(long mantissa, byte scale)
    {
        var magnitude = mantissa < 0 ? (ulong)(-(mantissa + 1)) + 1 : (ulong)mantissa;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, mantissa < 0, scale);
    }
    public abstract void Time(int column, long row, TimeSpan value);

    public void Missing(int column, long row)
    {
        if (Columns[column].Kind == ColumnKind.Text) Text(column, row, default);
        else Error(row, column, DataMessages.ValueMissing());
    }

    // ---- shared checks -------------------------------------------------------------------------------------

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    protected bool Decode(ReadOnlySpan<byte> bytes, long row, int column, out ReadOnlySpan<char> chars)
    {
        if (_chars.Length < bytes.Length) _chars = new char[Math.Max(bytes.Length, _chars.Length * 2)];
        if (System.Text.Unicode.Utf8.ToUtf16(bytes, _chars, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            Error(row, column, DataMessages.NotUtf8());
            chars = default;
            return false;
        }
        chars = _chars.AsSpan(0, written);
        return true;
    }

    /// <summary>A count (0 or more); -1 after reporting a bad one.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    protected int ParseCount(ReadOnlySpan<char> text, long row, int column)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            Error(row, column, DataMessages.ValueMissing());
            return -1;
        }
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return CountOf(value, row, column);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
            return CountOf(big, row, column);
        Error(row, column, DataMessages.NotWholeNumber(text.ToString()));
        return -1;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    protected int CountOf(long value, long row, int column)
    {
        if (value < 0)
        {
            Error(row, column, DataMessages.Negative(value.ToString(CultureInfo.InvariantCulture)));
            return -1;
        }
        if (value > int.MaxValue)
        {
            Error(row, column, DataMessages.TooLarge(value.ToString(CultureInfo.InvariantCulture)));
            return -1;
        }
        return (int)value;
    }

    protected int CountOf(double value, long row, int column)
    {
        if (!double.IsFinite(value) || Math.Floor(value) != value)
        {
            Error(row, column, DataMessages.NotWholeNumber(value.ToString("R", CultureInfo.InvariantCulture)));
            return -1;
        }
        if (value < 0)
        {
            Error(row, column, DataMessages.Negative(value.ToString("R", CultureInfo.InvariantCulture)));
            return -1;
        }
        if (value > int.MaxValue)
        {
            Error(row, column, DataMessages.TooLarge(value.ToString("R", CultureInfo.InvariantCulture)));
            return -1;
        }
        return (int)value;
    }

    /// <summary>A count written as plain ASCII digits, read straight from UTF-8; false for anything else.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    protected static bool TryFastCount(ReadOnlySpan<byte> bytes, out int value) =>
        Utf8Parser.TryParse(bytes, out value, out var consumed) && consumed == bytes.Length && value >= 0 && bytes.Length > 0 && bytes[0] != (byte)'+';

    protected static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>Money (CNY), 0 or more; -1 after reporting a bad one.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    protected decimal ParseMoney(ReadOnlySpan<char> text, long row, int column)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            Error(row, column, DataMessages.ValueMissing());
            return -1;
        }
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var value))
        {
            Error(row, column, DataMessages.NotMoney(text.ToString()));
            return -1;
        }
        return MoneyOf(value, row, column, text.ToString());
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    protected decimal MoneyOf(decimal value, long row, int column, string? text = null)
    {
        if (value < 0)
        {
            Error(row, column, DataMessages.NegativeMoney(text ?? value.ToString(CultureInfo.InvariantCulture)));
            return -1;
        }
        return Normalize(value);
    }

    protected decimal MoneyOf(double value, long row, int column)
    {
        if (!double.IsFinite(value) || Math.Abs(value) > 1e15)
        {
            Error(row, column, DataMessages.NotMoney(value.ToString("R", CultureInfo.InvariantCulture)));
            return -1;
        }
        return MoneyOf((decimal)value, row, column, value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>A time of day "HH:MM" (or "HH:MM:00"), in minutes; -1 after reporting a bad one.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    protected int ParseTime(ReadOnlySpan<char> text, long row, int column)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            Error(row, column, DataMessages.ValueMissing());
            return -1;
        }
        var hhmm = text.Length >= 7 && text.EndsWith(":00", StringComparison.Ordinal) && text.Count(':') == 2 ? text[..^3] : text;
        if (hhmm.Length is >= 4 and <= 5 && TimeOfDay.TryParse(hhmm.ToString(), out var time)) return time.Minutes;
        Error(row, column, DataMessages.NotTime(text.ToString()));
        return -1;
    }

    protected int TimeOf(TimeSpan value, long row, int column)
    {
        if (value < TimeSpan.Zero || value > TimeSpan.FromHours(24) || value.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            Error(row, column, DataMessages.NotTime(value.ToString()));
            return -1;
        }
        return (int)value.TotalMinutes;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    protected sbyte ParseEnum(EnumLookup lookup, ReadOnlySpan<char> text, long row, int column, sbyte bad)
    {
        var trimmed = text.Trim();
        if (lookup.TryParse(trimmed, out var code)) return code;
        Error(row, column, trimmed.IsEmpty ? DataMessages.ValueMissing() : lookup.Unknown(trimmed.ToString()));
        return bad;
    }

    protected void WrongKind(long row, int column, string what) =>
        Error(row, column, DataMessages.Unreadable($"a {what} value in a column of {Columns[column].Kind}"));

    protected static string Intern(Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> pool, ReadOnlySpan<char> text)
    {
        if (pool.TryGetValue(text, out var known)) return known;
        var s = text.ToString();
        pool[s] = s;
        return s;
    }
}

/// <summary>
/// The fees met so far, by the digits of their DECIMAL (of one scale), up to 4,096: an open-addressing table of its own
/// (a dictionary of decimals is generic code the precompiled image does not hold, and would run unoptimised per row).
/// </summary>
internal sealed class FeeMemo
{
    private const int Slots = 8192;
    private const int Capacity = Slots / 2;
    private readonly long[] _keys = new long[Slots];
    private readonly decimal[] _values = new decimal[Slots];
    private readonly bool[] _used = new bool[Slots];
    private int _count;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool TryGet(long key, out decimal value)
    {
        for (var slot = Slot(key); _used[slot]; slot = (slot + 1) & (Slots - 1))
        {
            if (_keys[slot] != key) continue;
            value = _values[slot];
            return true;
        }
        value = 0;
        return false;
    }

    public void TryAdd(long key, decimal value)
    {
        if (_count == Capacity) return;
        var slot = Slot(key);
        while (_used[slot])
        {
            if (_keys[slot] == key) return;
            slot = (slot + 1) & (Slots - 1);
        }
        (_keys[slot], _values[slot], _used[slot]) = (key, value, true);
        _count++;
    }

    public void Clear()
    {
        if (_count == 0) return;
        Array.Clear(_used);
        _count = 0;
    }

    private static int Slot(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 51);
}

/// <summary>schools: one row per school.</summary>
internal sealed class SchoolsBuilder : TableBuilder
{
    public const int Id = 0, Name = 1, District = 2, Stage = 3, Location = 4, Ownership = 5, Students = 6,
        Participants = 7, Fee = 8, Dismissal = 9, ServiceEnd = 10, Periods = 11;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _pool;
    private readonly Utf8Memo<sbyte>[] _enumMemo = { new(), new(), new() };
    private readonly Utf8Memo<int>[] _timeMemo = { new(), new() };
    // The last district's UTF-8 text and its string: schools come grouped by district, so most rows repeat it.
    private byte[] _lastDistrict = new byte[64];
    private int _lastDistrictLength = -1;
    private string _lastDistrictText = "";
    private readonly FeeMemo _feeMemo = new();

    public SchoolsBuilder(string file, DataErrorSink errors) : base(file, DistrictSchema.Schools, errors)
    {
        _pool = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string?[] Ids = Array.Empty<string?>();
    public string[] Names = Array.Empty<string>();
    // Names met as plain UTF-8 (see PlainText) are kept as their bytes, made into strings only when a report or an output
    // asks (TextColumn): school i's are NameBytes[NameStarts[i] .. + NameLengths[i]] unless Names[i] holds its string.
    public byte[] NameBytes = Array.Empty<byte>();
    public int[] NameStarts = Array.Empty<int>();
    public int[] NameLengths = Array.Empty<int>();
    private int _nameBytesUsed;

    /// <summary>Whether some name is kept as UTF-8 bytes rather than as a string.</summary>
    public bool HasUtf8Names => _nameBytesUsed > 0;

    /// <summary>School i's name as a string (made from its UTF-8 text when it was kept so).</summary>
    public string NameOf(int i) =>
        Names[i] ?? (NameLengths[i] == 0 ? string.Empty : System.Text.Encoding.UTF8.GetString(NameBytes, NameStarts[i], NameLengths[i]));
    public string[] Districts = Array.Empty<string>();
    public sbyte[] Stages = Array.Empty<sbyte>();
    public sbyte[] Locations = Array.Empty<sbyte>();
    public sbyte[] Ownerships = Array.Empty<sbyte>();
    public int[] StudentCounts = Array.Empty<int>();
    public int[] ParticipantCounts = Array.Empty<int>();
    public decimal[] Fees = Array.Empty<decimal>();
    public int[] Dismissals = Array.Empty<int>();
    public int[] ServiceEnds = Array.Empty<int>();
    public int[] PeriodCounts = Array.Empty<int>();

    // Rows 0 to _orderedUpTo have ids in strictly increasing (ordinal) order, as a district's schools usually come: no
    // two of them are the same, which needs no index to tell (for 200,000 schools an index is 5 MB of scattered writes).
    // The index is made when that order breaks, or when it is asked for.
    private int _orderedUpTo = -1;
    private Dictionary<string, int>? _indexById;

    /// <summary>School index by school_id (the first row of a duplicated id).</summary>
    public Dictionary<string, int> IndexById => _indexById ??= IndexOfOrderedIds();

    private Dictionary<string, int> IndexOfOrderedIds()
    {
        var index = new Dictionary<string, int>(Math.Max(_orderedUpTo + 1, Count), StringComparer.Ordinal);
        for (var i = 0; i <= _orderedUpTo; i++) index.Add(Ids[i]!, i);
        return index;
    }

    protected override void Resize(int capacity)
    {
        Array.Resize(ref Ids, capacity);
        Array.Resize(ref Names, capacity);
        Array.Resize(ref NameStarts, capacity);
        Array.Resize(ref NameLengths, capacity);
        Array.Resize(ref Districts, capacity);
        Array.Resize(ref Stages, capacity);
        Array.Resize(ref Locations, capacity);
        Array.Resize(ref Ownerships, capacity);
        Array.Resize(ref StudentCounts, capacity);
        Array.Resize(ref ParticipantCounts, capacity);
        Array.Resize(ref Fees, capacity);
        Array.Resize(ref Dismissals, capacity);
        Array.Resize(ref ServiceEnds, capacity);
        Array.Resize(ref PeriodCounts, capacity);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Text(int column, long row, ReadOnlySpan<char> text)
    {
        var i = (int)row;
        switch (column)
        {
            case Id:
                SetId(i, row, text.Trim());
                break;
            case Name:
                Names[i] = text.Trim().ToString();
                break;
            case District:
                var district = text.Trim();
                if (district.IsEmpty) Error(row, column, DataMessages.ValueMissing());
                Districts[i] = Intern(_pool, district);
                break;
            case Stage:
                Stages[i] = ParseEnum(EnumLookup.Stage, text, row, column, -1);
                break;
            case Location:
                Locations[i] = ParseEnum(EnumLookup.Location, text, row, column, -1);
                break;
            case Ownership:
                Ownerships[i] = ParseEnum(EnumLookup.Ownership, text, row, column, -1);
                break;
            case Students:
                StudentCounts[i] = ParseCount(text, row, column);
                break;
            case Participants:
                ParticipantCounts[i] = ParseCount(text, row, column);
                break;
            case Periods:
                PeriodCounts[i] = ParseCount(text, row, column);
                break;
            case Fee:
                Fees[i] = ParseMoney(text, row, column);
                break;
            case Dismissal:
                Dismissals[i] = ParseTime(text, row, column);
                break;
            case ServiceEnd:
                ServiceEnds[i] = ParseTime(text, row, column);
                break;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Utf8(int column, long row, ReadOnlySpan<byte> bytes)
    {
        switch (column)
        {
            case Students or Participants or Periods when TryFastCount(bytes, out var count):
                (column == Students ? StudentCounts : column == Participants ? ParticipantCounts : PeriodCounts)[(int)row] = count;
                return;
            case Id when PlainAscii(bytes):
                SetId((int)row, row, bytes);
                return;
            case Name when PlainText(bytes):
                KeepName((int)row, bytes);
                return;
            case District:
                if (_lastDistrictLength >= 0 && bytes.SequenceEqual(_lastDistrict.AsSpan(0, _lastDistrictLength)))
                {
                    Districts[(int)row] = _lastDistrictText;
                    return;
                }
                if (!Decode(bytes, row, column, out var districtChars)) return;
                Text(column, row, districtChars);
                var district = Districts[(int)row];
                if (district.Length > 0)
                {
                    if (_lastDistrict.Length < bytes.Length) _lastDistrict = new byte[bytes.Length * 2];
                    bytes.CopyTo(_lastDistrict);
                    _lastDistrictLength = bytes.Length;
                    _lastDistrictText = district;
                }
                return;
            case Dismissal or ServiceEnd:
                var times = column == Dismissal ? Dismissals : ServiceEnds;
                var timeMemo = _timeMemo[column - Dismissal];
                if (timeMemo.TryGet(bytes, out var minutes))
                {
                    times[(int)row] = minutes;
                    return;
                }
                if (!Decode(bytes, row, column, out var timeChars)) return;
                Text(column, row, timeChars);
                if (times[(int)row] >= 0) timeMemo.Add(bytes, times[(int)row]);
                return;
            case Stage or Location or Ownership:
                var memo = _enumMemo[column - Stage];
                var target = column == Stage ? Stages : column == Location ? Locations : Ownerships;
                if (memo.TryGet(bytes, out var code))
                {
                    target[(int)row] = code;
                    return;
                }
                if (!Decode(bytes, row, column, out var chars)) return;
                Text(column, row, chars);
                if (target[(int)row] >= 0) memo.Add(bytes, target[(int)row]);
                return;
            default:
                base.Utf8(column, row, bytes);
                return;
        }
    }

    /// <summary>
    /// Printable ASCII (no control character, no white space at either end, which the string read trims): its string is
    /// its bytes widened, and ordinal order of such strings is the order of their bytes.
    /// </summary>
    private static bool PlainAscii(ReadOnlySpan<byte> bytes) =>
        !bytes.IsEmpty && bytes[0] > (byte)' ' && bytes[^1] > (byte)' ' && !bytes.ContainsAnyExceptInRange((byte)' ', (byte)'~');

    // The last id read as plain ASCII (see SetId), to tell that ids come in increasing order without comparing strings.
    private byte[] _lastId = new byte[64];
    private int _lastIdLength = -1;

    /// <summary>An id of plain ASCII: its string, and the ordered-ids check on its bytes (the order of the strings).</summary>
    private void SetId(int i, long row, ReadOnlySpan<byte> id)
    {
        var text = System.Text.Encoding.Latin1.GetString(id);
        var after = i == 0 || (_lastIdLength >= 0 ? id.SequenceCompareTo(_lastId.AsSpan(0, _lastIdLength)) : string.CompareOrdinal(text, Ids[i - 1])) > 0;
        if (AddId(i, row, text, after))
        {
            if (_lastId.Length < id.Length) _lastId = new byte[id.Length * 2];
            id.CopyTo(_lastId);
            _lastIdLength = id.Length;
        }
        else _lastIdLength = -1;
    }

    /// <summary>
    /// Keeps school i's id: as the next of ids in increasing order (<paramref name="afterPrevious"/>, no index needed), or
    /// in the index by id, reporting a duplicate. True when the ids are still in order.
    /// </summary>
    private bool AddId(int i, long row, string text, bool afterPrevious)
    {
        Ids[i] = text;
        if (_indexById is null && i == _orderedUpTo + 1 && afterPrevious)
        {
            _orderedUpTo = i;
            return true;
        }
        if (!IndexById.TryAdd(text, i)) Error(row, Id, DataMessages.DuplicateSchool(text, IndexById[text] + 1));
        return false;
    }

    /// <summary>
    /// Text that reads as itself: valid UTF-8, not empty, neither starting nor ending in white space (which the string
    /// read trims), so that its string, made later, is the one <see cref="Text"/> would make now.
    /// </summary>
    private static bool PlainText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty || !System.Text.Unicode.Utf8.IsValid(bytes)) return false;
        System.Text.Rune.DecodeFromUtf8(bytes, out var first, out _);
        System.Text.Rune.DecodeLastFromUtf8(bytes, out var last, out _);
        return !System.Text.Rune.IsWhiteSpace(first) && !System.Text.Rune.IsWhiteSpace(last);
    }

    private void KeepName(int i, ReadOnlySpan<byte> bytes)
    {
        if (NameBytes.Length - _nameBytesUsed < bytes.Length)
        {
            // Room for the rest of the rows at the length of the names so far, at least twice the buffer.
            var perRow = _nameBytesUsed / Math.Max(1, i) + 1;
            var wanted = Math.Max((long)NameBytes.Length * 2, _nameBytesUsed + bytes.Length + (long)perRow * Math.Max(0, Capacity - i));
            var size = (int)Math.Min(Array.MaxLength, Math.Max(wanted, 4096));
            if (size - _nameBytesUsed < bytes.Length) throw new InvalidDataException("the schools' names are more text than a column can hold");
            Array.Resize(ref NameBytes, size);
        }
        bytes.CopyTo(NameBytes.AsSpan(_nameBytesUsed));
        NameStarts[i] = _nameBytesUsed;
        NameLengths[i] = bytes.Length;
        _nameBytesUsed += bytes.Length;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void SetId(int i, long row, ReadOnlySpan<char> id)
    {
        if (id.IsEmpty)
        {
            Error(row, Id, DataMessages.ValueMissing());
            return;
        }
        var text = id.ToString();
        // The next id read as ASCII bytes compares with this one's string, not with bytes kept before.
        _lastIdLength = -1;
        AddId(i, row, text, i == 0 || string.CompareOrdinal(Ids[i - 1], text) < 0);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Integer(int column, long row, long value)
    {
        var i = (int)row;
        switch (Columns[column].Kind)
        {
            case ColumnKind.Id or ColumnKind.Text:
                Text(column, row, value.ToString(CultureInfo.InvariantCulture));
                break;
            case ColumnKind.Count:
                (column == Students ? StudentCounts : column == Participants ? ParticipantCounts : PeriodCounts)[i] = CountOf(value, row, column);
                break;
            case ColumnKind.Money:
                Fees[i] = MoneyOf(value, row, column);
                break;
            default:
                WrongKind(row, column, "whole number");
                break;
        }
    }

    public override void Real(int column, long row, double value)
    {
        var i = (int)row;
        switch (Columns[column].Kind)
        {
            case ColumnKind.Count:
                (column == Students ? StudentCounts : column == Participants ? ParticipantCounts : PeriodCounts)[i] = CountOf(value, row, column);
                break;
            case ColumnKind.Money:
                Fees[i] = MoneyOf(value, row, column);
                break;
            default:
                WrongKind(row, column, "real number");
                break;
        }
    }

    /// <summary>Counts a vector at a time: each good one (0 to 2^31 - 1) stored as it is; any other read as one cell, which reports it.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Integers(int column, long row, ReadOnlySpan<long> values)
    {
        if (column is not (Students or Participants or Periods))
        {
            base.Integers(column, row, values);
            return;
        }
        var target = (column == Students ? StudentCounts : column == Participants ? ParticipantCounts : PeriodCounts).AsSpan((int)row, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if ((ulong)value <= int.MaxValue) target[i] = (int)value;
            else Integer(column, row + i, value);
        }
    }

    /// <summary>Fees a vector at a time, through the memo of fees met (as <see cref="ScaledMoney"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void ScaledMoneys(int column, long row, ReadOnlySpan<long> mantissas, byte scale)
    {
        if (column != Fee)
        {
            base.ScaledMoneys(column, row, mantissas, scale);
            return;
        }
        if (scale != _feeMemoScale)
        {
            _feeMemo.Clear();
            _feeMemoScale = scale;
        }
        var fees = Fees.AsSpan((int)row, mantissas.Length);
        for (var i = 0; i < mantissas.Length; i++)
        {
            if (mantissas[i] >= 0 && _feeMemo.TryGet(mantissas[i], out var fee)) fees[i] = fee;
            else ScaledMoney(column, row + i, mantissas[i], scale);
        }
    }

    private int _feeMemoScale = -1;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void ScaledMoney(int column, long row, long mantissa, byte scale)
    {
        // Fees take few distinct values: remember each good one as read (normalising a decimal divides).
        if (column != Fee || mantissa < 0)
        {
            base.ScaledMoney(column, row, mantissa, scale);
            return;
        }
        if (scale != _feeMemoScale)
        {
            _feeMemo.Clear();
            _feeMemoScale = scale;
        }
        if (!_feeMemo.TryGet(mantissa, out var fee))
        {
            fee = MoneyOf(Scaled(mantissa, scale), row, column);
            _feeMemo.TryAdd(mantissa, fee);
        }
        Fees[(int)row] = fee;
    }

    public override void Money(int column, long row, decimal value)
    {
        if (column == Fee) Fees[(int)row] = MoneyOf(value, row, column);
        else if (Columns[column].Kind == ColumnKind.Count)
        {
            if (decimal.Truncate(value) == value && value is >= long.MinValue and <= long.MaxValue) Integer(column, row, (long)value);
            else Error(row, column, DataMessages.NotWholeNumber(value.ToString(CultureInfo.InvariantCulture)));
        }
        else WrongKind(row, column, "decimal");
    }

    public override void Time(int column, long row, TimeSpan value)
    {
        if (column == Dismissal) Dismissals[(int)row] = TimeOf(value, row, column);
        else if (column == ServiceEnd) ServiceEnds[(int)row] = TimeOf(value, row, column);
        else WrongKind(row, column, "time");
    }

    private bool _rowsChecked;

    /// <summary>Checks that need a whole row: participants within students (once; later calls do nothing).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void CheckRows()
    {
        if (_rowsChecked) return;
        _rowsChecked = true;
        for (var i = 0; i < Count; i++)
        {
            if (ParticipantCounts[i] > StudentCounts[i] && StudentCounts[i] >= 0)
                Error(i, Participants, DataMessages.ParticipantsAboveStudents(ParticipantCounts[i], StudentCounts[i]));
        }
    }
}

/// <summary>cohorts: participants by school, grade and family category.</summary>
internal sealed class CohortsBuilder : TableBuilder
{
    public const int School = 0, Grade = 1, Category = 2, Students = 3, Participants = 4;

    private readonly Dictionary<string, int>? _schools;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _schoolByText;
    private readonly string _schoolsFile;
    private readonly HashSet<string> _unknownSchools = new(StringComparer.Ordinal);
    private readonly Utf8Memo<sbyte> _categoryMemo = new();

    // The last school_id seen and what it resolved to: cohorts come grouped by school, so most rows repeat it.
    private byte[] _lastIdBytes = new byte[64];
    private int _lastIdLength = -1;
    private char[] _lastIdChars = new char[64];
    private int _lastIdCharLength = -1;
    private int _lastIndex = -1;

    /// <param name="schools">School index by id, or null when the schools table could not be read.</param>
    public CohortsBuilder(string file, DataErrorSink errors, Dictionary<string, int>? schools, string schoolsFile)
        : base(file, DistrictSchema.Cohorts, errors)
    {
        _schools = schools;
        _schoolsFile = schoolsFile;
        _schoolByText = (schools ?? new Dictionary<string, int>(StringComparer.Ordinal)).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int[] Schools = Array.Empty<int>();
    public byte[] Grades = Array.Empty<byte>();
    /// <summary>Category code; -1 for none, -2 for a bad value.</summary>
    public sbyte[] Categories = Array.Empty<sbyte>();
    public int[] StudentCounts = Array.Empty<int>();
    public int[] ParticipantCounts = Array.Empty<int>();

    protected override void Resize(int capacity)
    {
        Array.Resize(ref Schools, capacity);
        Array.Resize(ref Grades, capacity);
        Array.Resize(ref Categories, capacity);
        Array.Resize(ref StudentCounts, capacity);
        Array.Resize(ref ParticipantCounts, capacity);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Text(int column, long row, ReadOnlySpan<char> text)
    {
        var i = (int)row;
        switch (column)
        {
            case School:
                var id = text.Trim();
                if (_lastIdCharLength >= 0 && id.SequenceEqual(_lastIdChars.AsSpan(0, _lastIdCharLength)))
                {
                    Schools[i] = _lastIndex;
                    return;
                }
                Schools[i] = _lastIndex = Resolve(id, row);
                if (_lastIdChars.Length < id.Length) _lastIdChars = new char[id.Length * 2];
                id.CopyTo(_lastIdChars);
                _lastIdCharLength = id.Length;
                _lastIdLength = -1;
                break;
            case Grade:
                Grades[i] = ParseGrade(text, row);
                break;
            case Category:
                Categories[i] = ParseEnum(EnumLookup.Category, text, row, column, -2);
                break;
            case Students:
                StudentCounts[i] = ParseCount(text, row, column);
                break;
            case Participants:
                ParticipantCounts[i] = ParseCount(text, row, column);
                break;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Utf8(int column, long row, ReadOnlySpan<byte> bytes)
    {
        var i = (int)row;
        switch (column)
        {
            case School:
                if (_lastIdLength >= 0 && bytes.SequenceEqual(_lastIdBytes.AsSpan(0, _lastIdLength)))
                {
                    Schools[i] = _lastIndex;
                    return;
                }
                if (!Decode(bytes, row, column, out var chars))
                {
                    Schools[i] = -1;
                    return;
                }
                Text(column, row, chars);
                if (_lastIdBytes.Length < bytes.Length) _lastIdBytes = new byte[bytes.Length * 2];
                bytes.CopyTo(_lastIdBytes);
                _lastIdLength = bytes.Length;
                return;
            case Grade:
                if (bytes.Length == 1 && bytes[0] is >= (byte)'1' and <= (byte)'9')
                    Grades[i] = (byte)(bytes[0] - '0');
                else if (bytes.Length == 2 && bytes[0] == (byte)'1' && bytes[1] is >= (byte)'0' and <= (byte)'2')
                    Grades[i] = (byte)(10 + bytes[1] - '0');
                else base.Utf8(column, row, bytes);
                return;
            case Category:
                if (_categoryMemo.TryGet(bytes, out var code))
                {
                    Categories[i] = code;
                    return;
                }
                if (!Decode(bytes, row, column, out var text)) return;
                Text(column, row, text);
                if (Categories[i] >= -1) _categoryMemo.Add(bytes, Categories[i]);
                return;
            case Students when TryFastCount(bytes, out var students):
                StudentCounts[i] = students;
                return;
            case Participants when TryFastCount(bytes, out var participants):
                ParticipantCounts[i] = participants;
                return;
            default:
                base.Utf8(column, row, bytes);
                return;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private int Resolve(ReadOnlySpan<char> id, long row)
    {
        if (id.IsEmpty)
        {
            Error(row, School, DataMessages.ValueMissing());
            return -1;
        }
        if (_schools is null) return -1;
        if (_schoolByText.TryGetValue(id, out var index)) return index;
        var text = id.ToString();
        if (_unknownSchools.Add(text)) Error(row, School, DataMessages.UnknownSchool(text, _schoolsFile));
        return -1;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private byte ParseGrade(ReadOnlySpan<char> text, long row)
    {
        var trimmed = text.Trim();
        if (trimmed.IsEmpty)
        {
            Error(row, Grade, DataMessages.ValueMissing());
            return 0;
        }
        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var grade) && grade is >= 1 and <= DistrictSchema.MaxGrade)
            return (byte)grade;
        Error(row, Grade, DataMessages.NotGrade(trimmed.ToString()));
        return 0;
    }

    private byte GradeOf(long value, long row)
    {
        if (value is >= 1 and <= DistrictSchema.MaxGrade) return (byte)value;
        Error(row, Grade, DataMessages.NotGrade(value.ToString(CultureInfo.InvariantCulture)));
        return 0;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Integer(int column, long row, long value)
    {
        var i = (int)row;
        switch (column)
        {
            case School:
                Text(column, row, value.ToString(CultureInfo.InvariantCulture));
                break;
            case Grade:
                Grades[i] = GradeOf(value, row);
                break;
            case Students:
                StudentCounts[i] = CountOf(value, row, column);
                break;
            case Participants:
                ParticipantCounts[i] = CountOf(value, row, column);
                break;
            default:
                WrongKind(row, column, "whole number");
                break;
        }
    }

    /// <summary>A run of 32-bit whole numbers from a typed column (Parquet), rows <paramref name="start"/> on.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Integers(int column, long start, ReadOnlySpan<int> values)
    {
        var target = column switch
        {
            Students => StudentCounts,
            Participants => ParticipantCounts,
            _ => null,
        };
        if (target is not null)
        {
            values.CopyTo(target.AsSpan((int)start));
            // A negative count is rare: find it with a vectorised search, then report each.
            var offset = 0;
            while (true)
            {
                var k = values[offset..].IndexOfAnyInRange(int.MinValue, -1);
                if (k < 0) break;
                target[start + offset + k] = CountOf(values[offset + k], start + offset + k, column);
                offset += k + 1;
            }
            return;
        }
        if (column == Grade)
        {
            for (var k = 0; k < values.Length; k++)
            {
                var g = values[k];
                Grades[start + k] = g is >= 1 and <= DistrictSchema.MaxGrade ? (byte)g : GradeOf(g, start + k);
            }
            return;
        }
        for (var k = 0; k < values.Length; k++) Integer(column, start + k, values[k]);
    }

    public override void Real(int column, long row, double value)
    {
        if (column is Grade or Students or Participants)
        {
            if (double.IsFinite(value) && Math.Floor(value) == value && Math.Abs(value) < 1e18) Integer(column, row, (long)value);
            else Error(row, column, column == Grade
                ? DataMessages.NotGrade(value.ToString("R", CultureInfo.InvariantCulture))
                : DataMessages.NotWholeNumber(value.ToString("R", CultureInfo.InvariantCulture)));
        }
        else WrongKind(row, column, "real number");
    }

    public override void Money(int column, long row, decimal value)
    {
        if (column is Grade or Students or Participants)
        {
            if (decimal.Truncate(value) == value && value is >= long.MinValue and <= long.MaxValue) Integer(column, row, (long)value);
            else Error(row, column, DataMessages.NotWholeNumber(value.ToString(CultureInfo.InvariantCulture)));
        }
        else WrongKind(row, column, "decimal");
    }

    public override void Time(int column, long row, TimeSpan value) => WrongKind(row, column, "time");

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void CheckRows()
    {
        var participants = ParticipantCounts;
        var students = StudentCounts;
        for (var i = 0; i < Count; i++)
        {
            if (participants[i] > students[i] && students[i] >= 0)
                Error(i, Participants, DataMessages.ParticipantsAboveStudents(participants[i], students[i]));
        }
    }
}
