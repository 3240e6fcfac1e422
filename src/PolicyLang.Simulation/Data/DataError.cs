namespace PolicyLang.Simulation.Data;

/// <summary>A problem in district data, located by file, row (1-based, header excluded) and column.</summary>
public sealed class DataError
{
    public DataError(string file, long? row, string? column, string english, string chinese)
    {
        File = file;
        Row = row;
        Column = column;
        English = english;
        Chinese = chinese;
    }

    public string File { get; }
    public long? Row { get; }
    public string? Column { get; }
    public string English { get; }
    public string Chinese { get; }

    public string ToString(Language language)
    {
        var where = File + (Row is { } r ? (language == Language.Chinese ? $" 第 {r} 行" : $" row {r}") : string.Empty)
                    + (Column is { } c ? (language == Language.Chinese ? $" 列 {c}" : $", column {c}") : string.Empty);
        return $"{where}: {(language == Language.Chinese ? Chinese : English)}";
    }

    public override string ToString() => ToString(Language.English);
}

/// <summary>District data could not be read: every problem found (up to a limit), each located.</summary>
public sealed class DataException : Exception
{
    public DataException(IReadOnlyList<DataError> errors) : base(errors.Count > 0 ? errors[0].ToString() : "bad district data") => Errors = errors;

    public IReadOnlyList<DataError> Errors { get; }
}
