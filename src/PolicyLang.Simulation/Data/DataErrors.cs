using System.Globalization;

namespace PolicyLang.Simulation.Data;

/// <summary>
/// Collects located data errors while a district is read. Reading stops once <see cref="Limit"/> errors are
/// collected (a final note says so), so a badly broken file costs no more than a few.
/// </summary>
internal sealed class DataErrorSink
{
    public const int Limit = 50;

    private readonly List<DataError> _errors = new();

    public int Count => _errors.Count;
    public IReadOnlyList<DataError> Errors => _errors;

    public void Add(string file, long? row, string? column, string english, string chinese)
    {
        if (_truncated) throw new TooManyDataErrors();
        _errors.Add(new DataError(file, row, column, english, chinese));
        if (_errors.Count >= Limit)
        {
            _truncated = true;
            throw new TooManyDataErrors();
        }
    }

    private bool _truncated;

    /// <summary>
    /// Throws the errors found, if any: by file (in the order the files were read), then row, then column, so that
    /// every form of the same data reports alike; a note closes a list that hit the limit.
    /// </summary>
    public void ThrowIfAny()
    {
        if (_errors.Count == 0) return;
        var files = new List<string>();
        foreach (var e in _errors)
        {
            if (!files.Contains(e.File)) files.Add(e.File);
        }
        var sorted = _errors
            .Select((e, i) => (e, i))
            .OrderBy(x => files.IndexOf(x.e.File))
            .ThenBy(x => x.e.Row ?? 0)
            .ThenBy(x => DistrictSchema.ColumnRank(x.e.Column))
            .ThenBy(x => x.i)
            .Select(x => x.e)
            .ToList();
        if (_truncated)
        {
            sorted.Add(new DataError(sorted[^1].File, null, null,
                $"too many errors; stopped after the first {Limit}",
                $"错误过多，已在前 {Limit} 个错误后停止读取"));
        }
        throw new DataException(sorted);
    }
}

/// <summary>Thrown inside the readers to stop at the error limit; the loader turns it into a <see cref="DataException"/>.</summary>
internal sealed class TooManyDataErrors : Exception
{
}

/// <summary>The English and Chinese text of every district data error.</summary>
internal static class DataMessages
{
    private static string Q(string value) => "'" + Shorten(value) + "'";
    private static string Zq(string value) => "“" + Shorten(value) + "”";

    internal static string Shorten(string value) => value.Length <= 60 ? value : value.Substring(0, 57) + "...";

    public static (string, string) FileMissing(string what) =>
        ($"file not found (a district folder holds {what})", $"找不到文件（区域数据文件夹应包含 {what}）");

    public static (string, string) PathMissing() =>
        ("no such file or folder: district data is a folder of CSV or Parquet files, or a DuckDB database file",
         "文件或文件夹不存在：区域数据应为 CSV 或 Parquet 文件所在的文件夹，或 DuckDB 数据库文件");

    public static (string, string) FolderEmpty() =>
        ("the folder has neither schools.csv nor schools.parquet",
         "文件夹中既没有 schools.csv 也没有 schools.parquet");

    public static (string, string) FolderAmbiguous() =>
        ("the folder has both schools.csv and schools.parquet; keep one form of the data",
         "文件夹中同时有 schools.csv 和 schools.parquet，请只保留一种格式");

    public static (string, string) NotDistrictFile() =>
        ("not district data: expected a folder (schools.csv, cohorts.csv or the .parquet files) or a DuckDB file (.duckdb, .db)",
         "不是区域数据：应为文件夹（schools.csv、cohorts.csv 或对应的 .parquet 文件）或 DuckDB 数据库文件（.duckdb、.db）");

    public static (string, string) TableMissing(string table) =>
        ($"the database has no table '{table}'", $"数据库中没有表 {table}");

    public static (string, string) Unreadable(string reason) =>
        ($"cannot be read: {reason}", $"无法读取：{reason}");

    public static (string, string) EmptyFile() => ("the file is empty (no header row)", "文件为空（没有表头行）");

    public static (string, string) ColumnMissing(string column, string? nearMiss) => nearMiss is null
        ? ($"missing column '{column}'", $"缺少列 {column}")
        : ($"missing column '{column}' (there is a column '{nearMiss}': a misspelling?)", $"缺少列 {column}（有一列名为 {nearMiss}，是否拼写有误？）");

    public static (string, string) ColumnDuplicate(string column) =>
        ($"column '{column}' appears twice", $"列 {column} 出现了两次");

    public static (string, string) ColumnType(string actual, string expected, string expectedZh) =>
        ($"the column has type {actual}; expected {expected}", $"该列类型为 {actual}，应为{expectedZh}");

    public static (string, string) FieldCount(int actual, int expected) =>
        ($"the row has {actual} fields; the header has {expected}", $"该行有 {actual} 个字段，表头有 {expected} 个");

    public static (string, string) UnclosedQuote() =>
        ("a quoted field is not closed (a '\"' is missing)", "引号字段没有结束（缺少 \"）");

    public static (string, string) StrayQuote() =>
        ("a '\"' inside an unquoted field; quote the whole field and double the quote (\"\")",
         "未加引号的字段中出现了 \"；请给整个字段加引号，并把其中的引号写成 \"\"");

    public static (string, string) TextAfterQuote() =>
        ("text after the closing quote of a field", "字段的结束引号后还有字符");

    public static (string, string) NotUtf8() =>
        ("the text is not valid UTF-8; save the file as UTF-8", "文本不是有效的 UTF-8 编码；请以 UTF-8 编码保存文件");

    public static (string, string) ValueMissing() => ("missing value", "缺少取值");

    public static (string, string) NotWholeNumber(string text) =>
        ($"{Q(text)} is not a whole number", $"{Zq(text)}不是整数");

    public static (string, string) Negative(string text) =>
        ($"{Q(text)} is negative; a count is 0 or more", $"{Zq(text)}为负数；人数或数量不能小于 0");

    public static (string, string) TooLarge(string text) =>
        ($"{Q(text)} is too large", $"{Zq(text)}过大");

    public static (string, string) NotMoney(string text) =>
        ($"{Q(text)} is not an amount of money (CNY per student per month, e.g. 120 or 99.5)",
         $"{Zq(text)}不是金额（每生每月元数，如 120 或 99.5）");

    public static (string, string) NegativeMoney(string text) =>
        ($"{Q(text)} is negative; a fee is 0 or more", $"{Zq(text)}为负数；收费不能小于 0");

    public static (string, string) NotTime(string text) =>
        ($"{Q(text)} is not a time of day HH:MM (00:00 to 24:00)", $"{Zq(text)}不是 HH:MM 格式的时刻（00:00 至 24:00）");

    public static (string, string) NotGrade(string text) =>
        ($"{Q(text)} is not a grade (a whole number from 1 to 12)", $"{Zq(text)}不是年级（1 至 12 的整数）");

    public static (string, string) UnknownEnum(string text, string kind, string kindZh, IEnumerable<(string En, string Zh)> valid, string? suggestion)
    {
        var list = string.Join(", ", valid.Select(v => v.Zh.Length > 0 ? $"{v.En} ({v.Zh})" : v.En));
        var listZh = string.Join("、", valid.Select(v => v.Zh.Length > 0 ? $"{v.En}（{v.Zh}）" : v.En));
        return suggestion is null
            ? ($"unknown {kind} {Q(text)}; valid values: {list}", $"未知的{kindZh}{Zq(text)}；可选值：{listZh}")
            : ($"unknown {kind} {Q(text)}; did you mean '{suggestion}'? Valid values: {list}",
               $"未知的{kindZh}{Zq(text)}，是否应为 {suggestion}？可选值：{listZh}");
    }

    public static (string, string) DuplicateSchool(string id, long firstRow) =>
        ($"duplicate school_id {Q(id)} (first at row {firstRow.ToString(CultureInfo.InvariantCulture)})",
         $"school_id {Zq(id)}重复（首次出现在第 {firstRow.ToString(CultureInfo.InvariantCulture)} 行）");

    public static (string, string) UnknownSchool(string id, string schoolsFile) =>
        ($"school_id {Q(id)} is not in {schoolsFile} (later rows with this school_id are not reported again)",
         $"school_id {Zq(id)}不在 {schoolsFile} 中（此后同一 school_id 的行不再重复报告）");

    public static (string, string) ParticipantsAboveStudents(int participants, int students) =>
        ($"participants ({participants.ToString(CultureInfo.InvariantCulture)}) exceed students ({students.ToString(CultureInfo.InvariantCulture)})",
         $"参加人数（{participants.ToString(CultureInfo.InvariantCulture)}）超过学生数（{students.ToString(CultureInfo.InvariantCulture)}）");
}
