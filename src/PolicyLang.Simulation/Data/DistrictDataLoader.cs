using DuckDB.NET.Data;
using Parquet;

namespace PolicyLang.Simulation.Data;

/// <summary>
/// Loads district data (design/data.md) from any of its three forms:
/// <list type="bullet">
/// <item>a folder with <c>schools.csv</c> and <c>cohorts.csv</c> (UTF-8, RFC 4180, a header row);</item>
/// <item>a folder with <c>schools.parquet</c> and <c>cohorts.parquet</c>;</item>
/// <item>a DuckDB database file (<c>.duckdb</c> or <c>.db</c>) with tables <c>schools</c> and <c>cohorts</c>.</item>
/// </list>
/// Columns are found by name (other columns are ignored). Enumeration values may be English or Chinese; a
/// cohort's category <c>none</c> (or <c>无</c>) means no special category. Every problem is collected (up to
/// <see cref="DataErrorSink.Limit"/>) and thrown together as one <see cref="DataException"/>, each located by file,
/// row and column; nothing is returned half loaded. Cohorts come back grouped by school in the schools' order,
/// each school's rows in their table order. Set POLICYLANG_LOAD_TRACE=1 to have the time of each step written
/// to standard error.
/// </summary>
public static class DistrictDataLoader
{
    public const string SchoolsCsv = "schools.csv";
    public const string CohortsCsv = "cohorts.csv";
    public const string SchoolsParquet = "schools.parquet";
    public const string CohortsParquet = "cohorts.parquet";

    public static DistrictData Load(string path) => Load(path, DistrictLoadOptions.Full);

    /// <summary>
    /// Loads the district, keeping of the cohorts only what <paramref name="options"/> says the measures read (all of it
    /// when null). Every cell is checked as in a full load, and bad data gets the same errors: when cohort rows may be
    /// summed, DuckDB checks and sums them as they stream out of a DuckDB database (or, in an in-memory database, out of
    /// the Parquet files), and any doubt (a bad row, an unknown school or category, an unusual column type) sends the
    /// load back to the full row-by-row read, which words the problems; CSV is read and checked row by row as always and
    /// summed right after.
    /// </summary>
    public static DistrictData Load(string path, DistrictLoadOptions? options) => Load(path, Task.FromResult(options ?? DistrictLoadOptions.Full));

    /// <summary>
    /// <see cref="Load(string, DistrictLoadOptions?)"/> with options that may come later — policyc starts loading while
    /// the policy that decides them is still being parsed: opening the data, reading the schools and checking the
    /// cohorts do not depend on them. A cancelled or failed <paramref name="options"/> abandons the load with its exception.
    /// Cohorts that passed their whole-table checks before, in files unchanged since, are not checked again
    /// (<see cref="CheckedDataCache.Default"/>).
    /// </summary>
    public static DistrictData Load(string path, Task<DistrictLoadOptions> options) => Load(path, options, CheckedDataCache.Default);

    /// <summary>
    /// <see cref="Load(string, Task{DistrictLoadOptions})"/> with the cache of checked data sets to use (null for none:
    /// every load checks everything).
    /// </summary>
    public static DistrictData Load(string path, Task<DistrictLoadOptions> options, CheckedDataCache? checkedData)
    {
        var errors = new DataErrorSink();
        DistrictData? data = null;
        try
        {
            data = LoadCore(path, errors, options, checkedData);
        }
        catch (TooManyDataErrors)
        {
        }
        errors.ThrowIfAny();
        return data!;
    }

    /// <summary>The form of the district data at <paramref name="path"/>, or null when it is none of them.</summary>
    public static DistrictFormat? Detect(string path)
    {
        if (Directory.Exists(path))
        {
            var csv = File.Exists(Path.Combine(path, SchoolsCsv)) || File.Exists(Path.Combine(path, CohortsCsv));
            var parquet = File.Exists(Path.Combine(path, SchoolsParquet)) || File.Exists(Path.Combine(path, CohortsParquet));
            return csv == parquet ? null : csv ? DistrictFormat.Csv : DistrictFormat.Parquet;
        }
        return File.Exists(path) && DistrictSchema.IsDuckDbPath(path) ? DistrictFormat.DuckDb : null;
    }

    private static DistrictData? LoadCore(string path, DataErrorSink errors, Task<DistrictLoadOptions> options, CheckedDataCache? checkedData)
    {
        if (Directory.Exists(path))
        {
            var csv = File.Exists(Path.Combine(path, SchoolsCsv)) || File.Exists(Path.Combine(path, CohortsCsv));
            var parquet = File.Exists(Path.Combine(path, SchoolsParquet)) || File.Exists(Path.Combine(path, CohortsParquet));
            if (csv && parquet) return Fail(errors, path, DataMessages.FolderAmbiguous());
            if (!csv && !parquet) return Fail(errors, path, DataMessages.FolderEmpty());
            return csv
                ? LoadFolder(path, SchoolsCsv, CohortsCsv, CsvDistrictReader.Read, errors, options, null, null, null)
                : LoadFolder(path, SchoolsParquet, CohortsParquet, ParquetDistrictReader.Read, errors, options, DuckDbDistrictReader.TryReadParquetCohortsSummed,
                    ParquetSchoolsByDuckDb, checkedData);
        }
        if (File.Exists(path))
        {
            return DistrictSchema.IsDuckDbPath(path) ? LoadDuckDb(path, errors, options, checkedData) : Fail(errors, path, DataMessages.NotDistrictFile());
        }
        return Fail(errors, path, DataMessages.PathMissing());
    }

    private static DistrictData? Fail(DataErrorSink errors, string file, (string English, string Chinese) message)
    {
        errors.Add(file, null, null, message.English, message.Chinese);
        return null;
    }

    private delegate void TableReader(string path, string file, TableBuilder builder, DataErrorSink errors);

    /// <summary>
    /// Cohorts summed by a fast way (schools file, cohorts file), when the options let them be summed; null, having
    /// reported nothing, otherwise or on any doubt. Files the cache remembers as checked are not checked again.
    /// </summary>
    private delegate CohortSums? FastSum(string schoolsFile, string cohortsFile, Task<DistrictLoadOptions> options, CheckedDataCache? checkedData);

    /// <summary>
    /// Parquet schools read through an in-memory DuckDB (which decodes the columns side by side), when every row is good;
    /// null, having reported nothing, on any problem (the Parquet reader then reads them and words every problem).
    /// </summary>
    private static SchoolsBuilder? ParquetSchoolsByDuckDb(string file)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var problems = new DataErrorSink();
        var schools = new SchoolsBuilder(file, problems);
        if (!DuckDbDistrictReader.TryReadParquetTable(file, schools, problems)) return null;
        schools.CheckRows();
        if (problems.Count > 0) return null;
        Trace($"read {file} by DuckDB: {clock.ElapsedMilliseconds} ms");
        return schools;
    }

    private static DistrictData? LoadFolder(string folder, string schoolsName, string cohortsName, TableReader read, DataErrorSink errors,
        Task<DistrictLoadOptions> options, FastSum? fastSum, Func<string, SchoolsBuilder?>? fastSchools, CheckedDataCache? checkedData)
    {
        var schoolsFile = Path.Combine(folder, schoolsName);
        var cohortsFile = Path.Combine(folder, cohortsName);
        // Cohorts that may be summed are summed the fast way (if the form has one) beside the reading of schools.
        var summed = fastSum is not null && File.Exists(schoolsFile) && File.Exists(cohortsFile)
            ? Task.Run(() =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var sums = fastSum(schoolsFile, cohortsFile, options, checkedData);
                Trace($"cohorts summed by DuckDB: {clock.ElapsedMilliseconds} ms{(sums is null ? ", not plainly good: read row by row" : "")}");
                return sums;
            })
            : Task.FromResult<CohortSums?>(null);
        var schools = new SchoolsBuilder(schoolsFile, errors);
        var schoolsRead = Beside(summed, () =>
        {
            if (File.Exists(schoolsFile) && fastSchools?.Invoke(schoolsFile) is { } good)
            {
                schools = good;
                return true;
            }
            if (File.Exists(schoolsFile)) return Guarded(schoolsFile, errors, () => read(schoolsFile, schoolsFile, schools, errors));
            Fail(errors, schoolsFile, DataMessages.FileMissing($"{schoolsName}, {cohortsName}"));
            return false;
        });
        if (schoolsRead && summed.IsCompletedSuccessfully && summed.Result is { } sums && Checked(schools, errors)
            && Assemble(sums, schools, folder) is { } data)
            return data;

        var cohorts = new CohortsBuilder(cohortsFile, errors, schoolsRead ? schools.IndexById : null, schoolsName);
        if (File.Exists(cohortsFile)) Guarded(cohortsFile, errors, () => read(cohortsFile, cohortsFile, cohorts, errors));
        else Fail(errors, cohortsFile, DataMessages.FileMissing($"{schoolsName}, {cohortsName}"));
        return Finish(schools, cohorts, errors, folder, options.GetAwaiter().GetResult());
    }

    /// <summary>
    /// Reads the schools while <paramref name="fast"/> reads the cohorts, and never leaves that running past this point,
    /// even when the schools stopped at the error limit (its failure means only that the cohorts are read row by row).
    /// </summary>
    private static bool Beside(Task fast, Func<bool> readSchools)
    {
        try
        {
            return readSchools();
        }
        finally
        {
            try
            {
                fast.Wait();
            }
            catch (AggregateException)
            {
            }
        }
    }

    /// <summary>
    /// The district of the good schools and the cohorts summed the fast way; null when the sums are not of these schools
    /// or one is too large for a count (then the rows, which are good, are read and kept as they are).
    /// </summary>
    private static DistrictData? Assemble(CohortSums sums, SchoolsBuilder schools, string source)
    {
        if (sums.SchoolCount != schools.Count) return null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var data = sums.ToData(schools, source);
        Trace($"assemble: {clock.ElapsedMilliseconds} ms");
        return data;
    }

    /// <summary>The schools with their rows checked (participants within students): true when nothing is wrong so far.</summary>
    private static bool Checked(SchoolsBuilder schools, DataErrorSink errors)
    {
        schools.CheckRows();
        return errors.Count == 0;
    }

    private static DistrictData? LoadDuckDb(string path, DataErrorSink errors, Task<DistrictLoadOptions> options, CheckedDataCache? checkedData)
    {
        DuckDBConnection connection;
        try
        {
            connection = DuckDbDistrictReader.OpenReadOnly(path);
        }
        catch (Exception e) when (IsReadProblem(e))
        {
            return Fail(errors, path, DataMessages.Unreadable(Reason(e)));
        }
        using (connection)
        {
            // The database and its write-ahead log (which holds changes not yet written into it): what an earlier load of
            // them, unchanged, found (its checks passed, the tables' columns and rows).
            var checkedFiles = checkedData?.Open(path, path + ".wal");
            var layouts = new DuckDbDistrictReader.TableLayouts(checkedFiles is { Passed: true } ? checkedFiles.Tables : null);
            HashSet<string> tables;
            try
            {
                tables = layouts.Tables ?? DuckDbDistrictReader.Tables(connection);
            }
            catch (Exception e) when (IsReadProblem(e))
            {
                return Fail(errors, path, DataMessages.Unreadable(Reason(e)));
            }
            var schoolsFile = $"{path}:{DistrictSchema.SchoolsTable}";
            var cohortsFile = $"{path}:{DistrictSchema.CohortsTable}";
            var hasSchools = tables.Contains(DistrictSchema.SchoolsTable);
            var hasCohorts = tables.Contains(DistrictSchema.CohortsTable);

            // Good cohorts are read fast on a second connection while the schools are read on the first: summed by
            // DuckDB when the rows may be summed, else every row by hash.
            CohortSums? sums = null;
            CohortsBuilder? fast = null;
            var fastRead = !hasSchools || !hasCohorts ? Task.FromResult(false) : Task.Run(() =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                using var second = DuckDbDistrictReader.OpenReadOnly(path);
                (sums, fast) = DuckDbDistrictReader.TryReadCohortsFast(second, options,
                    () => new CohortsBuilder(cohortsFile, errors, null, "table " + DistrictSchema.SchoolsTable), checkedBefore: checkedFiles, layouts: layouts);
                Trace(sums is not null ? $"cohorts summed by DuckDB: {clock.ElapsedMilliseconds} ms"
                    : fast is not null ? $"cohorts read by hash: {clock.ElapsedMilliseconds} ms"
                    : $"cohorts not plainly good: read row by row ({clock.ElapsedMilliseconds} ms)");
                return sums is not null || fast is not null;
            });

            var schools = new SchoolsBuilder(schoolsFile, errors);
            var schoolsRead = Beside(fastRead, () =>
            {
                if (hasSchools) return Guarded(schoolsFile, errors, () => DuckDbDistrictReader.Read(connection, DistrictSchema.SchoolsTable, schoolsFile, schools, errors, layouts));
                Fail(errors, schoolsFile, DataMessages.TableMissing(DistrictSchema.SchoolsTable));
                return false;
            });

            // The fast reads match cohorts to schools by the hash of the id as stored; that is what the full read does
            // (ids trimmed) only when the schools are good, so with a bad school the cohorts are read row by row.
            schools.CheckRows();
            var fastGood = fastRead.IsCompletedSuccessfully && fastRead.Result && errors.Count == 0;
            if (fastGood && sums is not null && Assemble(sums, schools, path) is { } summed) return summed;
            if (fastGood && fast is not null) return Finish(schools, fast, errors, path, options.GetAwaiter().GetResult());
            // Row by row: the cohorts' school ids are looked up among the schools' (the index by id is made now).
            var cohorts = new CohortsBuilder(cohortsFile, errors, schoolsRead ? schools.IndexById : null, "table " + DistrictSchema.SchoolsTable);
            if (hasCohorts)
                Guarded(cohortsFile, errors, () => DuckDbDistrictReader.Read(connection, DistrictSchema.CohortsTable, cohortsFile, cohorts, errors));
            else Fail(errors, cohortsFile, DataMessages.TableMissing(DistrictSchema.CohortsTable));
            return Finish(schools, cohorts, errors, path, options.GetAwaiter().GetResult());
        }
    }

    internal static void Trace(string message) => SimulationTrace.Write(message);

    private static DistrictData? Finish(SchoolsBuilder schools, CohortsBuilder cohorts, DataErrorSink errors, string source, DistrictLoadOptions options)
    {
        schools.CheckRows();
        cohorts.CheckRows();
        if (errors.Count > 0) return null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var data = DistrictAssembler.Assemble(schools, cohorts, source, options);
        Trace($"assemble: {clock.ElapsedMilliseconds} ms");
        return data;
    }

    /// <summary>Runs a reader; an I/O or format failure becomes an error on the file. False when it failed.</summary>
    private static bool Guarded(string file, DataErrorSink errors, Action read)
    {
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            read();
            Trace($"read {file}: {clock.ElapsedMilliseconds} ms");
            return true;
        }
        catch (Exception e) when (IsReadProblem(e))
        {
            Fail(errors, file, DataMessages.Unreadable(Reason(e)));
            return false;
        }
    }

    private static bool IsReadProblem(Exception e) =>
        e is IOException or UnauthorizedAccessException or ParquetException or InvalidDataException or NotSupportedException
            or FormatException or OverflowException or ArgumentException or InvalidOperationException
        || DuckDbDistrictReader.IsDuckDbException(e);

    private static string Reason(Exception e)
    {
        var message = e.Message.ReplaceLineEndings(" ").Trim();
        return message.Length <= 300 ? message : message.Substring(0, 297) + "...";
    }
}

/// <summary>The three forms district data comes in.</summary>
public enum DistrictFormat { Csv, Parquet, DuckDb }
