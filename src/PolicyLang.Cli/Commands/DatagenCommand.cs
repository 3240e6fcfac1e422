using System.Diagnostics;
using System.Globalization;
using PolicyLang.Simulation.Data;

namespace PolicyLang.Cli.Commands;

/// <summary>
/// <c>policyc datagen --schools N --seed S --out DIR|FILE.duckdb [--format csv|parquet] [--profile NAME]</c>: writes
/// synthetic district data (the same for the same N, S and profile). A path ending in .duckdb or .db is a DuckDB
/// database (tables schools and cohorts); any other path is a folder of CSV files, or of Parquet files with
/// <c>--format parquet</c>.
/// </summary>
public static class DatagenCommand
{
    public const int MaxSchools = 10_000_000;

    public static int Run(int schools, int seed, string output, string? format, string profileName, Language language, TextWriter stdout, TextWriter stderr)
    {
        var zh = language == Language.Chinese;
        if (schools is < 1 or > MaxSchools)
        {
            stderr.WriteLine(zh
                ? $"policyc: --schools 应在 1 到 {MaxSchools} 之间（收到 {schools}）"
                : $"policyc: --schools must be between 1 and {MaxSchools} (got {schools})");
            return 2;
        }
        var profile = DistrictProfile.Find(profileName);
        if (profile is null)
        {
            stderr.WriteLine(zh
                ? $"policyc: 未知的 profile“{profileName}”；可选：{string.Join("、", DistrictProfile.Names)}"
                : $"policyc: unknown profile '{profileName}'; choose one of {string.Join(", ", DistrictProfile.Names)}");
            return 2;
        }
        var isDatabase = Path.GetExtension(output) is { } ext && (ext.Equals(".duckdb", StringComparison.OrdinalIgnoreCase) || ext.Equals(".db", StringComparison.OrdinalIgnoreCase));
        if (isDatabase && format is not null)
        {
            stderr.WriteLine(zh
                ? $"policyc: {output} 是 DuckDB 数据库文件；--format 只用于输出到文件夹"
                : $"policyc: {output} is a DuckDB database file; --format applies only to a folder");
            return 2;
        }
        if (!isDatabase && File.Exists(output))
        {
            stderr.WriteLine(zh
                ? $"policyc: {output} 是一个文件；CSV 或 Parquet 数据写入文件夹（数据库文件请以 .duckdb 结尾）"
                : $"policyc: {output} is a file; CSV or Parquet data is written to a folder (name a database file *.duckdb)");
            return 2;
        }
        var chosen = isDatabase ? DistrictFormat.DuckDb : format == "parquet" ? DistrictFormat.Parquet : DistrictFormat.Csv;

        var clock = Stopwatch.StartNew();
        var data = DistrictGenerator.Generate(schools, seed, profile);
        try
        {
            DistrictWriter.Write(data, output, chosen);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or System.Data.Common.DbException)
        {
            stderr.WriteLine(zh ? $"policyc: 无法写入 {output}：{e.Message}" : $"policyc: cannot write '{output}': {e.Message}");
            return 2;
        }
        var seconds = clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        var kind = chosen switch { DistrictFormat.Csv => "CSV", DistrictFormat.Parquet => "Parquet", _ => "DuckDB" };
        stdout.WriteLine(zh
            ? $"已生成 {data.SchoolCount} 所学校、{data.CohortCount} 行 cohort → {output}（{kind}，profile {profile.Name}，seed {seed}，{seconds} 秒）"
            : $"Generated {data.SchoolCount} schools and {data.CohortCount} cohort rows → {output} ({kind}, profile {profile.Name}, seed {seed}, {seconds} s)");
        return 0;
    }
}
