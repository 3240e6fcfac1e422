using System.Buffers;
using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyLang.Simulation.Model;

namespace PolicyLang.Simulation.Data;

/// <summary>
/// The "schools" arrays of the JSON results, formatted in parallel, a block of schools at a time, as the exact bytes
/// <see cref="Utf8JsonWriter"/> writes with the results' options (indented, the relaxed encoder) at their depth, and
/// handed to the writer with <see cref="Utf8JsonWriter.WriteRawValue(ReadOnlySpan{byte}, bool)"/>. Strings are
/// escaped with <see cref="JsonEncodedText"/> under the same encoder, numbers formatted by <see cref="Utf8Formatter"/>
/// as the writer formats them; the text of each school's fixed columns (id, name, district, stage, location,
/// ownership) is made once and reused by every scenario. A national result (200,000 schools, a few scenarios, a few
/// hundred megabytes) is written several times faster than property by property, and never held whole in memory.
/// </summary>
internal sealed class JsonSchoolRows
{
    private const int Block = 4096;
    // The writer's depth for a school object: root { → "scenarios" [ → scenario { → "schools" [ → school {.
    private const int SchoolDepth = 4;

    private readonly DistrictData _data;
    private readonly IReadOnlyList<string> _extras;
    private readonly JavaScriptEncoder _encoder;
    private readonly byte[] _newLine;
    private readonly byte[] _objectIndent;
    private readonly byte[] _propertyIndent;
    private readonly byte[][] _extraNames;
    private readonly byte[][] _stages;
    private readonly byte[][] _locations;
    private readonly byte[][] _ownerships;
    private readonly byte[]?[] _fixedText;
    private readonly int[]?[] _fixedOffsets;

    public JsonSchoolRows(DistrictData data, IReadOnlyList<string> extras, JsonWriterOptions options)
    {
        _data = data;
        _extras = extras;
        _encoder = options.Encoder ?? JavaScriptEncoder.Default;
        var indent = options.IndentSize;
        var character = (byte)options.IndentCharacter;
        _newLine = System.Text.Encoding.UTF8.GetBytes(options.NewLine);
        _objectIndent = Enumerable.Repeat(character, SchoolDepth * indent).ToArray();
        _propertyIndent = Enumerable.Repeat(character, (SchoolDepth + 1) * indent).ToArray();
        _extraNames = extras.Select(n => Name(n)).ToArray();
        _stages = Enum.GetValues<Stage>().Select(v => Quoted(PlanEnums.Stage.Json(v))).ToArray();
        _locations = Enum.GetValues<SchoolLocation>().Select(v => Quoted(PlanEnums.Location.Json(v))).ToArray();
        _ownerships = Enum.GetValues<Ownership>().Select(v => Quoted(PlanEnums.Ownership.Json(v))).ToArray();
        var blocks = (data.SchoolCount + Block - 1) / Block;
        _fixedText = new byte[blocks][];
        _fixedOffsets = new int[blocks][];
    }

    /// <summary>Writes the schools of one scenario as the elements of the array the writer has open.</summary>
    public void Write(Utf8JsonWriter json, ScenarioResult scenario)
    {
        var blocks = _fixedText.Length;
        var wave = Math.Max(2, Environment.ProcessorCount * 2);
        var buffers = new ArrayBufferWriter<byte>[Math.Min(wave, Math.Max(1, blocks))];
        for (var b = 0; b < buffers.Length; b++) buffers[b] = new ArrayBufferWriter<byte>(Block * 600);
        for (var first = 0; first < blocks; first += wave)
        {
            var count = Math.Min(wave, blocks - first);
            Parallel.For(0, count, k =>
            {
                buffers[k].ResetWrittenCount();
                Format(first + k, scenario, buffers[k]);
            });
            for (var k = 0; k < count; k++)
            {
                json.WriteRawValue(buffers[k].WrittenSpan, skipInputValidation: true);
                json.Flush();
            }
        }
    }

    /// <summary>Block <paramref name="block"/>'s schools, separated as the writer separates array elements.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Format(int block, ScenarioResult scenario, ArrayBufferWriter<byte> output)
    {
        var from = block * Block;
        var to = Math.Min(_data.SchoolCount, from + Block);
        if (_fixedText[block] is null) MakeFixedText(block, from, to);
        var text = _fixedText[block]!;
        var offsets = _fixedOffsets[block]!;
        var m = scenario.Schools;
        var extras = _extras.Select(name => scenario.Schools.Extra.TryGetValue(name, out var values) ? values : null).ToArray();
        var w = new RawWriter(output);
        for (var i = from; i < to; i++)
        {
            // The writer puts the comma before a raw value, not the new line and indentation.
            if (i > from) w.Byte((byte)',');
            w.Bytes(_newLine);
            w.Bytes(_objectIndent);
            w.Byte((byte)'{');
            w.Bytes(text.AsSpan(offsets[i - from], offsets[i - from + 1] - offsets[i - from]));
            Property(ref w, "fee_cap"u8);
            if (m.Cap[i] is { } cap) w.Decimal(cap);
            else w.Bytes("null"u8);
            Property(ref w, "charged_fee"u8);
            w.Decimal(m.ChargedFee[i]);
            Property(ref w, "participants"u8);
            w.Decimal(m.Participants[i]);
            Property(ref w, "waived"u8);
            w.Decimal(m.Waived[i]);
            Property(ref w, "family_payments"u8);
            w.Decimal(m.FamilyPayments[i]);
            Property(ref w, "subsidy_cost"u8);
            w.Decimal(m.SubsidyCost[i]);
            Property(ref w, "school_revenue"u8);
            w.Decimal(m.SchoolRevenue[i]);
            Property(ref w, "staff_pool"u8);
            w.Decimal(m.StaffPool[i]);
            Property(ref w, "noncompliant"u8);
            w.Bytes(m.Noncompliant[i] ? "true"u8 : "false"u8);
            for (var e = 0; e < extras.Length; e++)
            {
                Property(ref w, _extraNames[e]);
                if (extras[e]?[i] is { } value) w.Decimal(value);
                else w.Bytes("null"u8);
            }
            w.Bytes(_newLine);
            w.Bytes(_objectIndent);
            w.Byte((byte)'}');
        }
        w.Commit();
    }

    /// <summary>",", a new line, the indentation and <c>"name": </c>: what precedes every property but the first.</summary>
    private void Property(ref RawWriter w, ReadOnlySpan<byte> name)
    {
        w.Byte((byte)',');
        w.Bytes(_newLine);
        w.Bytes(_propertyIndent);
        w.Byte((byte)'"');
        w.Bytes(name);
        w.Bytes("\": "u8);
    }

    /// <summary>The text from after each school's "{" to its ownership's value, for a block of schools.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void MakeFixedText(int block, int from, int to)
    {
        var output = new ArrayBufferWriter<byte>((to - from) * 200);
        var offsets = new int[to - from + 1];
        var w = new RawWriter(output);
        for (var i = from; i < to; i++)
        {
            offsets[i - from] = w.Written;
            FirstProperty(ref w, "school_id"u8);
            String(ref w, _data.SchoolId[i]);
            Property(ref w, "name"u8);
            String(ref w, _data.Name[i]);
            Property(ref w, "district"u8);
            String(ref w, _data.District[i]);
            Property(ref w, "stage"u8);
            w.Bytes(_stages[(int)_data.Stage[i]]);
            Property(ref w, "location"u8);
            w.Bytes(_locations[(int)_data.Location[i]]);
            Property(ref w, "ownership"u8);
            w.Bytes(_ownerships[(int)_data.Ownership[i]]);
        }
        offsets[to - from] = w.Written;
        w.Commit();
        _fixedOffsets[block] = offsets;
        _fixedText[block] = output.WrittenSpan.ToArray();
    }

    private void FirstProperty(ref RawWriter w, ReadOnlySpan<byte> name)
    {
        w.Bytes(_newLine);
        w.Bytes(_propertyIndent);
        w.Byte((byte)'"');
        w.Bytes(name);
        w.Bytes("\": "u8);
    }

    /// <summary>
    /// A string value, quoted and escaped as the writer escapes it: the writer asks its encoder for the first character
    /// to escape and, when there is none, writes the string's UTF-8 as it is.
    /// </summary>
    private unsafe void String(ref RawWriter w, string value)
    {
        int first;
        fixed (char* text = value) first = _encoder.FindFirstCharacterToEncode(text, value.Length);
        if (first >= 0)
        {
            w.Bytes(Encode(value));
            return;
        }
        w.Byte((byte)'"');
        w.Utf8(value);
        w.Byte((byte)'"');
    }

    /// <summary>A string value, quoted and escaped as the writer escapes it.</summary>
    private byte[] Encode(string value)
    {
        var encoded = JsonEncodedText.Encode(value, _encoder).EncodedUtf8Bytes;
        var quoted = new byte[encoded.Length + 2];
        quoted[0] = (byte)'"';
        encoded.CopyTo(quoted.AsSpan(1));
        quoted[^1] = (byte)'"';
        return quoted;
    }

    private byte[] Quoted(string value) => Encode(value);

    /// <summary>
    /// A decimal as the results write it, without trailing zeros (<c>value / 1.000…m</c>, 28 zeros, then formatted as
    /// <see cref="Utf8JsonWriter"/> formats a number): formatted as it is, then the zeros that end its fractional part
    /// (and a point left last) dropped, which is the same text without a division; zero goes the long way, for its sign.
    /// Returns the bytes written (at most 40).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static int FormatDecimal(decimal value, Span<byte> destination)
    {
        if (value == 0m)
        {
            Utf8Formatter.TryFormat(value / 1.000000000000000000000000000000000m, destination, out var zero);
            return zero;
        }
        Utf8Formatter.TryFormat(value, destination, out var written);
        if (value.Scale == 0) return written;
        while (destination[written - 1] == (byte)'0') written--;
        if (destination[written - 1] == (byte)'.') written--;
        return written;
    }

    /// <summary>A property name, escaped as the writer escapes it (without quotes).</summary>
    private byte[] Name(string name) => JsonEncodedText.Encode(name, _encoder).EncodedUtf8Bytes.ToArray();

    /// <summary>Appends to a buffer writer through a span, asking it for room only when the span is used up.</summary>
    private ref struct RawWriter
    {
        private readonly ArrayBufferWriter<byte> _output;
        private Span<byte> _span;
        private int _used;
        private int _committed;

        public RawWriter(ArrayBufferWriter<byte> output)
        {
            _output = output;
            _span = output.GetSpan(1 << 16);
            _used = 0;
            _committed = 0;
        }

        public readonly int Written => _committed + _used;

        private void Room(int bytes)
        {
            if (_used + bytes <= _span.Length) return;
            _output.Advance(_used);
            _committed += _used;
            _used = 0;
            _span = _output.GetSpan(Math.Max(bytes, 1 << 16));
        }

        public void Utf8(string value)
        {
            Room(System.Text.Encoding.UTF8.GetMaxByteCount(value.Length));
            _used += System.Text.Encoding.UTF8.GetBytes(value, _span[_used..]);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Byte(byte value)
        {
            Room(1);
            _span[_used++] = value;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Bytes(ReadOnlySpan<byte> value)
        {
            Room(value.Length);
            value.CopyTo(_span[_used..]);
            _used += value.Length;
        }

        /// <summary>A decimal as the results write it: without trailing zeros, as <see cref="Utf8JsonWriter"/> formats a number.</summary>
        public void Decimal(decimal value)
        {
            Room(64);
            _used += FormatDecimal(value, _span[_used..]);
        }

        public void Commit()
        {
            _output.Advance(_used);
            _committed += _used;
            _used = 0;
            _span = default;
        }
    }
}
