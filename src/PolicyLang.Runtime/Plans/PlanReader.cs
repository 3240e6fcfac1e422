using System.Globalization;
using System.Text.Json;

namespace PolicyLang.Runtime;

/// <summary>A problem in a plan document, at a JSON path ($.school.students).</summary>
public sealed class PlanError
{
    public PlanError(string path, string english, string chinese, long? line = null, long? column = null)
    {
        Path = path;
        English = english;
        Chinese = chinese;
        Line = line;
        Column = column;
    }

    public string Path { get; }
    public string English { get; }
    public string Chinese { get; }
    /// <summary>1-based line of a JSON syntax error, when the text is not JSON at all.</summary>
    public long? Line { get; }
    public long? Column { get; }

    public string Message(Language language) => language == Language.Chinese ? Chinese : English;
    public string ToString(Language language) => $"{Path}: {Message(language)}";
    public override string ToString() => ToString(Language.English);
}

public sealed class PlanReadResult
{
    internal PlanReadResult(SchoolPlan? plan, IReadOnlyList<PlanError> errors)
    {
        Plan = plan;
        Errors = errors;
    }

    /// <summary>The plan, or null when there are errors.</summary>
    public SchoolPlan? Plan { get; }
    public IReadOnlyList<PlanError> Errors { get; }
    public bool Success => Plan is not null;
}

/// <summary>
/// Reads a school plan strictly: unknown fields, wrong types, bad times, unknown enum members, money beyond
/// the fen and missing required fields are errors naming their JSON path. Nothing is guessed or ignored.
/// </summary>
public static class PlanReader
{
    public const int MaxErrors = 50;

    public static PlanReadResult Parse(string json) => Read(System.Text.Encoding.UTF8.GetBytes(json));

    public static PlanReadResult Read(ReadOnlyMemory<byte> utf8)
    {
        var errors = new List<PlanError>();
        if (utf8.Length == 0 || utf8.Span.Trim((byte)' ').Trim((byte)'\n').Trim((byte)'\r').Trim((byte)'\t').IsEmpty)
        {
            errors.Add(new PlanError("$", "the file is empty; expected a plan object { \"school\": …, … }", "文件为空；应为学校方案对象 { \"school\": …, … }"));
            return new PlanReadResult(null, errors);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            var line = e.LineNumber + 1;
            var column = e.BytePositionInLine + 1;
            errors.Add(new PlanError("$", $"not valid JSON at line {line}, column {column}: {Reason(e)}", $"不是有效的 JSON（第 {line} 行第 {column} 列）：{Reason(e)}", line, column));
            return new PlanReadResult(null, errors);
        }
        using (document)
        {
            var reader = new Reader(errors);
            var plan = reader.ReadPlan(document.RootElement);
            return new PlanReadResult(errors.Count == 0 ? plan : null, errors);
        }
    }

    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message.Substring(0, cut) : message).TrimEnd('.', ' ');
    }

    private sealed class Reader
    {
        private readonly List<PlanError> _errors;

        public Reader(List<PlanError> errors) => _errors = errors;

        public void Error(string path, string english, string chinese)
        {
            if (_errors.Count < MaxErrors) _errors.Add(new PlanError(path, english, chinese));
        }

        public static string Show(JsonElement e)
        {
            var raw = e.ValueKind switch
            {
                JsonValueKind.Object => "an object",
                JsonValueKind.Array => "an array",
                JsonValueKind.Null => "null",
                _ => e.GetRawText(),
            };
            return raw.Length > 40 ? raw.Substring(0, 40) + "…" : raw;
        }

        public SchoolPlan ReadPlan(JsonElement e)
        {
            var r = new ObjectReader(this, e, "$", "plan", "学校方案");
            var plan = new SchoolPlan
            {
                School = r.Object("school", ReadSchool) ?? new School(),
                Service = r.Object("service", ReadService) ?? new Service(),
                Fees = r.List("fees", ReadFee),
                Waivers = r.EnumList("waivers", PlanEnums.Category),
                Refund = r.OptEnum("refund", PlanEnums.RefundMode),
                Participation = r.Object("participation", ReadParticipation) ?? new Participation(),
                Activities = r.List("activities", ReadActivity),
                Providers = r.List("providers", ReadProvider),
                HomeworkMinutes = r.Object("homework_minutes", ReadHomework) ?? new HomeworkMinutes(),
                Finance = r.Object("finance", ReadFinance) ?? new Finance(),
                Insurance = r.Object("insurance", ReadInsurance) ?? new Insurance(),
                Disclosure = r.Object("disclosure", ReadDisclosure) ?? new Disclosure(),
            };
            r.Finish();
            return plan;
        }

        private School ReadSchool(ObjectReader r) => new()
        {
            Id = r.Text("id"),
            Name = r.Text("name"),
            District = r.Text("district", shared: true),
            Stage = r.Enum("stage", PlanEnums.Stage),
            Location = r.Enum("location", PlanEnums.Location),
            Ownership = r.Enum("ownership", PlanEnums.Ownership),
            Boarding = r.OptBool("boarding"),
            Students = r.Count("students"),
            Staff = r.OptCount("staff"),
        };

        private Segment ReadSegment(ObjectReader r) => new()
        {
            Name = r.OptText("name", shared: true),
            Kind = r.Enum("kind", PlanEnums.SegmentKind),
            Start = r.Time("start"),
            End = r.Time("end"),
        };

        private Service ReadService(ObjectReader r) => new()
        {
            Days = r.EnumList("days", PlanEnums.Weekday),
            Dismissal = r.Time("dismissal"),
            Segments = r.List("segments", ReadSegment),
            PeriodMinutes = r.Minutes("period_minutes"),
            FlexibleDeparture = r.OptBool("flexible_departure"),
            EveningStudy = r.OptObject("evening_study", x => new Segment
            {
                Name = x.OptText("name", shared: true),
                Kind = SegmentKind.EveningStudy,
                Start = x.Time("start"),
                End = x.Time("end"),
            }),
        };

        private Fee ReadFee(ObjectReader r) => new()
        {
            Item = r.Text("item", shared: true),
            Amount = r.Money("amount"),
            Per = r.Enum("per", PlanEnums.FeePer),
            Segment = r.OptEnum("segment", PlanEnums.SegmentKind),
            CollectedBy = r.OptEnum("collected_by", PlanEnums.Collector),
        };

        private Participation ReadParticipation(ObjectReader r) => new()
        {
            Voluntary = r.Bool("voluntary"),
            WrittenApplication = r.Bool("written_application"),
            AgreementSigned = r.OptBool("agreement_signed"),
            Participants = r.Count("participants"),
            ByGrade = r.OptCounts("by_grade"),
            ByCategory = r.OptEnumCounts("by_category", PlanEnums.Category),
        };

        private Activity ReadActivity(ObjectReader r) => new() { Name = r.Text("name", shared: true), Kind = r.Enum("kind", PlanEnums.ActivityKind) };

        private Provider ReadProvider(ObjectReader r) => new()
        {
            Kind = r.Enum("kind", PlanEnums.ProviderKind),
            Name = r.OptText("name", shared: true),
            Count = r.Count("count"),
            PayPerPeriod = r.Money("pay_per_period"),
            Whitelisted = r.OptBool("whitelisted"),
            Approved = r.OptBool("approved"),
        };

        private HomeworkMinutes ReadHomework(ObjectReader r) => new()
        {
            Grades12 = r.OptMinutes("grades_1_2"),
            Grades36 = r.OptMinutes("grades_3_6"),
            Junior = r.OptMinutes("junior"),
        };

        private Finance ReadFinance(ObjectReader r) => new()
        {
            FeeRevenue = r.Money("fee_revenue"),
            Subsidy = r.Money("subsidy"),
            StaffPay = r.Money("staff_pay"),
            AdminPayAvg = r.OptMoney("admin_pay_avg"),
            TeacherPayAvg = r.OptMoney("teacher_pay_avg"),
            ManagementFee = r.OptMoney("management_fee"),
        };

        private Insurance ReadInsurance(ObjectReader r) => new() { SchoolLiability = r.Bool("school_liability"), StaffAccident = r.Bool("staff_accident") };

        private Disclosure ReadDisclosure(ObjectReader r) => new()
        {
            Published = r.Bool("published"),
            SemesterReport = r.OptBool("semester_report"),
            AnnualReport = r.OptBool("annual_report"),
        };

        /// <summary>Reads the fields of one JSON object, remembering which it asked for so that the rest are reported.</summary>
        internal sealed class ObjectReader
        {
            private readonly Reader _reader;
            private readonly JsonElement _element;
            private readonly string _path;
            private readonly string _record;
            private readonly string _recordZh;
            private readonly List<string> _known = new();
            private readonly bool _valid;

            public ObjectReader(Reader reader, JsonElement element, string path, string record, string recordZh)
            {
                _reader = reader;
                _element = element;
                _path = path;
                _record = record;
                _recordZh = recordZh;
                _valid = element.ValueKind == JsonValueKind.Object;
                if (!_valid)
                    reader.Error(path, $"expected an object ({record}), found {Show(element)}", $"应为对象（{recordZh}），实际为 {Show(element)}");
            }

            private string PathOf(string name) => _path + "." + name;

            private bool TryGet(string name, bool required, out JsonElement value)
            {
                _known.Add(name);
                value = default;
                if (!_valid) return false;
                if (!_element.TryGetProperty(name, out value))
                {
                    if (required)
                        _reader.Error(_path, $"missing required field '{name}'", $"缺少必填字段“{name}”");
                    return false;
                }
                if (value.ValueKind == JsonValueKind.Null)
                {
                    if (required) _reader.Error(PathOf(name), "may not be null", "不能为空");
                    return false;
                }
                return true;
            }

            public void Finish()
            {
                if (!_valid) return;
                foreach (var property in _element.EnumerateObject())
                {
                    if (_known.Contains(property.Name)) continue;
                    var suggestion = Suggest(property.Name, _known);
                    _reader.Error(PathOf(property.Name),
                        suggestion is null ? $"unknown field; {_record} has {string.Join(", ", _known)}" : $"unknown field; did you mean '{suggestion}'?",
                        suggestion is null ? $"未知字段；{_recordZh}的字段为 {string.Join("、", _known)}" : $"未知字段；是否应为“{suggestion}”？");
                }
            }

            private void Expected(string name, JsonElement found, string english, string chinese) =>
                _reader.Error(PathOf(name), $"expected {english}, found {Show(found)}", $"应为{chinese}，实际为 {Show(found)}");

            /// <summary>A text; <paramref name="shared"/> for names that recur from plan to plan (<see cref="PlanTexts"/>).</summary>
            public string Text(string name, bool shared = false) => TryGet(name, true, out var v) ? AsText(name, v, shared) ?? "" : "";
            public string? OptText(string name, bool shared = false) => TryGet(name, false, out var v) ? AsText(name, v, shared) : null;

            private string? AsText(string name, JsonElement v, bool shared)
            {
                if (v.ValueKind == JsonValueKind.String) return shared ? PlanTexts.Share(v.GetString()!) : v.GetString();
                Expected(name, v, "a text in quotes", "带引号的文本");
                return null;
            }

            public bool Bool(string name) => TryGet(name, true, out var v) && (AsBool(name, v) ?? false);
            public bool? OptBool(string name) => TryGet(name, false, out var v) ? AsBool(name, v) : null;

            private bool? AsBool(string name, JsonElement v)
            {
                if (v.ValueKind == JsonValueKind.True) return true;
                if (v.ValueKind == JsonValueKind.False) return false;
                Expected(name, v, "true or false", "true 或 false");
                return null;
            }

            public int Count(string name) => TryGet(name, true, out var v) ? AsCount(name, v) ?? 0 : 0;
            public int? OptCount(string name) => TryGet(name, false, out var v) ? AsCount(name, v) : null;

            private int? AsCount(string name, JsonElement v)
            {
                if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= 0) return n;
                Expected(name, v, "a whole number", "非负整数");
                return null;
            }

            private decimal? AsNumber(string name, JsonElement v, string english, string chinese)
            {
                if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) && d >= 0) return d;
                Expected(name, v, english, chinese);
                return null;
            }

            public decimal Money(string name) => TryGet(name, true, out var v) ? AsMoney(name, v) ?? 0m : 0m;
            public decimal? OptMoney(string name) => TryGet(name, false, out var v) ? AsMoney(name, v) : null;

            private decimal? AsMoney(string name, JsonElement v)
            {
                var d = AsNumber(name, v, "an amount of CNY (a number)", "人民币金额（数字）");
                if (d is { } amount && amount != Math.Round(amount, 2))
                {
                    _reader.Error(PathOf(name), $"{Show(v)} has more than two decimal places; money is exact to the fen (0.01 CNY)", $"{Show(v)} 超过两位小数；金额精确到分（0.01 元）");
                    return null;
                }
                return d;
            }

            public decimal Minutes(string name) => TryGet(name, true, out var v) ? AsNumber(name, v, "a number of minutes", "分钟数") ?? 0m : 0m;
            public decimal? OptMinutes(string name) => TryGet(name, false, out var v) ? AsNumber(name, v, "a number of minutes", "分钟数") : null;

            public TimeOfDay Time(string name)
            {
                if (!TryGet(name, true, out var v)) return default;
                if (v.ValueKind == JsonValueKind.String && TimeOfDay.TryParse(v.GetString(), out var t)) return t;
                Expected(name, v, "a time \"HH:MM\" such as \"18:30\" (hours 00–24, minutes 00–59)", "形如 \"18:30\" 的时刻（小时 00–24，分钟 00–59）");
                return default;
            }

            public T Enum<T>(string name, EnumNames<T> names) where T : struct, System.Enum =>
                TryGet(name, true, out var v) ? AsEnum(PathOf(name), v, names) ?? default : default;

            public T? OptEnum<T>(string name, EnumNames<T> names) where T : struct, System.Enum =>
                TryGet(name, false, out var v) ? AsEnum(PathOf(name), v, names) : null;

            private T? AsEnum<T>(string path, JsonElement v, EnumNames<T> names) where T : struct, System.Enum
            {
                if (v.ValueKind == JsonValueKind.String && names.TryParse(v.GetString()!, out var value)) return value;
                var members = string.Join(", ", names.JsonNames);
                if (v.ValueKind == JsonValueKind.String)
                {
                    var text = v.GetString()!;
                    var suggestion = Suggest(text, names.JsonNames);
                    _reader.Error(path, $"\"{text}\" is not a {names.SchemaName}; expected one of {members}{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")}",
                        $"“{text}”不是有效的{names.ChineseSchemaName}；应为 {string.Join("、", names.JsonNames)} 之一{(suggestion is null ? "" : $"；是否应为“{suggestion}”？")}");
                }
                else
                {
                    _reader.Error(path, $"expected one of {members}, found {Show(v)}", $"应为 {string.Join("、", names.JsonNames)} 之一，实际为 {Show(v)}");
                }
                return null;
            }

            public List<T> EnumList<T>(string name, EnumNames<T> names) where T : struct, System.Enum
            {
                var list = new List<T>();
                if (!TryGet(name, true, out var v)) return list;
                if (v.ValueKind != JsonValueKind.Array)
                {
                    Expected(name, v, "an array", "数组");
                    return list;
                }
                list.Capacity = v.GetArrayLength();
                var i = 0;
                foreach (var item in v.EnumerateArray())
                {
                    if (AsEnum($"{PathOf(name)}[{i}]", item, names) is { } value) list.Add(value);
                    i++;
                }
                return list;
            }

            public TRecord? Object<TRecord>(string name, Func<ObjectReader, TRecord> read) where TRecord : class
            {
                if (!TryGet(name, true, out var v)) return null;
                return ReadNested(name, v, read);
            }

            public TRecord? OptObject<TRecord>(string name, Func<ObjectReader, TRecord> read) where TRecord : class =>
                TryGet(name, false, out var v) ? ReadNested(name, v, read) : null;

            private TRecord ReadNested<TRecord>(string name, JsonElement v, Func<ObjectReader, TRecord> read)
            {
                var nested = new ObjectReader(_reader, v, PathOf(name), name, name);
                var record = read(nested);
                nested.Finish();
                return record;
            }

            public List<TRecord> List<TRecord>(string name, Func<ObjectReader, TRecord> read)
            {
                var list = new List<TRecord>();
                if (!TryGet(name, true, out var v)) return list;
                if (v.ValueKind != JsonValueKind.Array)
                {
                    Expected(name, v, "an array", "数组");
                    return list;
                }
                list.Capacity = v.GetArrayLength();
                var i = 0;
                foreach (var item in v.EnumerateArray())
                {
                    var nested = new ObjectReader(_reader, item, $"{PathOf(name)}[{i}]", name, name);
                    list.Add(read(nested));
                    nested.Finish();
                    i++;
                }
                return list;
            }

            public CountTable<string>? OptCounts(string name)
            {
                if (!TryGet(name, false, out var v)) return null;
                if (v.ValueKind != JsonValueKind.Object)
                {
                    Expected(name, v, "an object of counts", "计数对象");
                    return null;
                }
                var result = new List<KeyValuePair<string, int>>();
                foreach (var p in v.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var n) && n >= 0) result.Add(new(PlanTexts.Share(p.Name), n));
                    else _reader.Error($"{PathOf(name)}.{p.Name}", $"expected a whole number, found {Show(p.Value)}", $"应为非负整数，实际为 {Show(p.Value)}");
                }
                return new CountTable<string>(result);
            }

            public CountTable<TKey>? OptEnumCounts<TKey>(string name, EnumNames<TKey> names) where TKey : struct, System.Enum
            {
                if (!TryGet(name, false, out var v)) return null;
                if (v.ValueKind != JsonValueKind.Object)
                {
                    Expected(name, v, "an object of counts", "计数对象");
                    return null;
                }
                var result = new List<KeyValuePair<TKey, int>>();
                foreach (var p in v.EnumerateObject())
                {
                    var path = $"{PathOf(name)}.{p.Name}";
                    if (!names.TryParse(p.Name, out var key))
                    {
                        _reader.Error(path, $"\"{p.Name}\" is not a {names.SchemaName}; expected one of {string.Join(", ", names.JsonNames)}",
                            $"“{p.Name}”不是有效的{names.ChineseSchemaName}；应为 {string.Join("、", names.JsonNames)} 之一");
                        continue;
                    }
                    if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var n) && n >= 0) result.Add(new(key, n));
                    else _reader.Error(path, $"expected a whole number, found {Show(p.Value)}", $"应为非负整数，实际为 {Show(p.Value)}");
                }
                return new CountTable<TKey>(result);
            }
        }
    }

    private static string? Suggest(string word, IEnumerable<string> candidates) => Spelling.Suggest(word, candidates);
}
