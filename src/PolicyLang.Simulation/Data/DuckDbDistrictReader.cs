using System.Data.Common;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace PolicyLang.Simulation.Data;

/// <summary>
/// Reads the tables schools and cohorts of a DuckDB database. DuckDB scans the table (in parallel, in table
/// order) and casts each column to one of three shapes (VARCHAR, BIGINT, DOUBLE) chosen from its declared type;
/// the result is read as a stream of vectors in place, so millions of rows cost no allocation per row.
/// </summary>
internal static class DuckDbDistrictReader
{
    /// <summary>Opens a database read-only. The path must exist (DuckDB would otherwise create it).</summary>
    public static DuckDBConnection OpenReadOnly(string path)
    {
        var connection = new DuckDBConnection($"Data Source={Path.GetFullPath(path)};ACCESS_MODE=READ_ONLY");
        connection.Open();
        return connection;
    }

    /// <summary>The tables (and views) of the main schema, by name.</summary>
    public static HashSet<string> Tables(DuckDBConnection connection)
    {
        var tables = new HashSet<string>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'";
        using var reader = command.ExecuteReader();
        while (reader.Read()) tables.Add(reader.GetString(0));
        return tables;
    }

    private static (List<string> Names, List<string> Types) Columns(DuckDBConnection connection, string table)
    {
        var names = new List<string>();
        var types = new List<string>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = $table ORDER BY column_index";
        command.Parameters.Add(new DuckDBParameter("table", table));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
            types.Add(reader.GetString(1));
        }
        return (names, types);
    }

    private static unsafe long Count(DuckDBConnection connection, string table)
    {
        // Through DuckDB's C API, as the rows are read: no reader of DuckDB.NET's is made (nor its code loaded) for a number.
        long? count = null;
        Chunks(connection, $"SELECT CAST(count(*) AS BIGINT) FROM main.{Quote(table)}", 1, (size, data, _) =>
        {
            if (size > 0) count = *(long*)data[0];
            return false;
        });
        if (count is not { } rows) throw new InvalidDataException("DuckDB gave no count of the rows");
        if (rows > Array.MaxLength) throw new InvalidDataException($"{rows} rows are more than a table can hold");
        return rows;
    }

    /// <summary>
    /// The tables' columns as one load meets them: remembered by an earlier load of the same unchanged files
    /// (<see cref="CheckedDataCache"/>), else asked of DuckDB once and noted, for the cache to remember. Both reads of a load
    /// (schools and cohorts, on their own threads) share one. Rows are always counted: a count is no more work than
    /// looking it up, and the reads check it.
    /// </summary>
    internal sealed class TableLayouts
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TableLayout> _known = new(StringComparer.Ordinal);

        public TableLayouts(IReadOnlyDictionary<string, TableLayout>? remembered)
        {
            if (remembered is null) return;
            foreach (var (table, layout) in remembered) _known[table] = layout;
            Remembered = true;
        }

        /// <summary>Whether the layouts come from an earlier load.</summary>
        public bool Remembered { get; }

        /// <summary>What this load knows of the tables, to be remembered with its checks.</summary>
        public IReadOnlyDictionary<string, TableLayout> Known => new Dictionary<string, TableLayout>(_known, StringComparer.Ordinal);

        /// <summary>The tables known to be there (from an earlier load), or null.</summary>
        public HashSet<string>? Tables => Remembered ? _known.Keys.ToHashSet(StringComparer.Ordinal) : null;

        public (List<string> Names, List<string> Types) Columns(DuckDBConnection connection, string table)
        {
            if (_known.TryGetValue(table, out var layout)) return (layout.Names.ToList(), layout.Types.ToList());
            var (names, types) = DuckDbDistrictReader.Columns(connection, table);
            _known[table] = new TableLayout(names.ToArray(), types.ToArray());
            return (names, types);
        }
    }

    /// <summary>Reads a table cell by cell, checking and reporting every value.</summary>
    public static void Read(DuckDBConnection connection, string table, string file, TableBuilder builder, DataErrorSink errors, TableLayouts? layouts = null)
    {
        layouts ??= new TableLayouts(null);
        var (names, types) = layouts.Columns(connection, table);
        var positions = ColumnMatcher.Match(file, names, builder.Columns, errors);
        if (positions is null) return;

        var select = new string[positions.Length];
        var shapes = new Shape[positions.Length];
        var scales = new byte[positions.Length];
        var typesOk = true;
        for (var c = 0; c < positions.Length; c++)
        {
            var name = names[positions[c]];
            var type = types[positions[c]];
            var shape = ShapeOf(builder.Columns[c].Kind, type);
            if (shape is null)
            {
                var (expected, expectedZh) = ParquetDistrictReader.Expected(builder.Columns[c].Kind);
                var (en, zh) = DataMessages.ColumnType(type, expected, expectedZh);
                errors.Add(file, null, builder.Columns[c].Name, en, zh);
                typesOk = false;
                continue;
            }
            shapes[c] = shape.Value;
            if (shapes[c] == Shape.Text && builder.Columns[c].Kind == ColumnKind.Money && SmallDecimalScale(type) is { } scale)
            {
                // Money in a DECIMAL of up to 18 digits: its digits as one 64-bit whole number, and the scale.
                shapes[c] = Shape.Decimal;
                scales[c] = scale;
            }
            var quoted = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            select[c] = shapes[c] switch
            {
                Shape.Decimal => $"CAST({quoted} AS DECIMAL(18, {scales[c]}))",
                Shape.Text when IsText(type) => quoted,
                Shape.Text => $"CAST({quoted} AS VARCHAR)",
                Shape.Integer => $"CAST({quoted} AS BIGINT)",
                _ => $"CAST({quoted} AS DOUBLE)",
            };
        }
        if (!typesOk) return;

        var count = Count(connection, table);
        builder.Reserve((int)count);
        builder.Grow((int)count);
        Stream(connection, $"SELECT {string.Join(", ", select)} FROM main.{Quote(table)}", shapes, scales, builder, count);
    }

    /// <summary>
    /// Reads good cohorts fast, as the options say: summed per school and category as they stream out of DuckDB
    /// (<see cref="DistrictLoadOptions.SumByCategory"/>), so that no row is kept, or else every row into a new builder
    /// by hash (<see cref="ReadCohortsByHash"/>). Neither, having reported nothing, when the table is not plainly good or
    /// not of the usual types, so that <see cref="Read"/> must read it row by row (and word its problems). Needs no
    /// other table read first, so it can run beside the reading of schools, on its own connection; and the options
    /// may come later (a policy still being parsed): what does not depend on them runs first.
    /// <para>
    /// DuckDB first checks every row as <see cref="CohortsBuilder"/> would (no null, a grade 1–12, counts 0 or more and
    /// within a 32-bit count, participants within students); then the rows come out as the hash of their school_id and
    /// category and their counts (no text), and a school_id not among the schools' or a category that is not one
    /// abandons this way. (DuckDB's own GROUP BY of the same rows takes several times longer than this scan here: its
    /// hash table is built for groups in any order, where cohorts come grouped by school.) When the options keep only
    /// some categories (<see cref="DistrictLoadOptions.Categories"/>), DuckDB checks the rest as a whole instead (every
    /// category a known one, every school_id one of the schools') and only the kept categories' rows come out. With
    /// <paramref name="checkWhileSumming"/> (a source each query would read again in full, such as a Parquet file) the
    /// rows are checked as they are summed, in one pass, and there is no row-by-row way.
    /// </para>
    /// </summary>
    public static (CohortSums? Sums, CohortsBuilder? Rows) TryReadCohortsFast(DuckDBConnection connection, Task<DistrictLoadOptions> options,
        Func<CohortsBuilder>? rows, bool checkWhileSumming = false, CheckedDataCache.CheckedFiles? checkedBefore = null, TableLayouts? layouts = null)
    {
        try
        {
            return ReadCohortsFast(connection, options, rows, checkWhileSumming, checkedBefore,
                layouts ?? new TableLayouts(checkedBefore is { Passed: true } ? checkedBefore.Tables : null));
        }
        catch (Exception e) when (IsDuckDbException(e) || e is InvalidDataException or InvalidCastException)
        {
            return default;
        }
    }

    private static unsafe (CohortSums? Sums, CohortsBuilder? Rows) ReadCohortsFast(DuckDBConnection connection, Task<DistrictLoadOptions> later,
        Func<CohortsBuilder>? rows, bool checkWhileSumming, CheckedDataCache.CheckedFiles? checkedBefore, TableLayouts layouts)
    {
        // Files that passed every whole-table check before and have not changed since are not checked again.
        var passed = checkedBefore?.Passed == true;
        if (passed)
        {
            DistrictDataLoader.Trace("cohorts: checked by an earlier load of the unchanged files, not again");
            checkWhileSumming = false;
        }
        var columns = PlainCohortColumns(connection, layouts);
        if (columns is null) return default;
        var (school, grade, category, students, participants) =
            (Quote(columns[0]), Quote(columns[1]), Quote(columns[2]), Quote(columns[3]), Quote(columns[4]));
        var table = $"main.{Quote(DistrictSchema.CohortsTable)}";
        var schools = $"main.{Quote(DistrictSchema.SchoolsTable)}";
        var bad = $"SELECT count(*) FROM {table} WHERE {school} IS NULL OR {category} IS NULL OR {grade} IS NULL " +
            $"OR {students} IS NULL OR {participants} IS NULL OR {grade} < 1 OR {grade} > {DistrictSchema.MaxGrade} " +
            $"OR {students} < 0 OR {participants} < 0 OR {students} > {int.MaxValue} OR {participants} > {int.MaxValue} " +
            $"OR {participants} > {students}";
        if (!passed && !checkWhileSumming && Scalar(connection, bad) != 0) return default;
        var schoolByHash = SchoolHashes(connection, columns[0], DistrictSchema.SchoolsTable, layouts);
        if (schoolByHash is null) return default;
        var names = CategoryNames();
        // The hashes of the category names, asked of DuckDB only by a read that takes the category of each row by its hash.
        var hashed = new Lazy<CategoryMatcher>(() => CategoryHashes(connection, names));

        var options = later.GetAwaiter().GetResult();
        if (!options.SumByCategory)
        {
            if (rows is null) return default;
            var builder = rows();
            var count = Count(connection, DistrictSchema.CohortsTable);
            builder.Reserve((int)count);
            builder.Grow((int)count);
            return ReadCohortsByHash(connection, columns, schoolByHash, hashed.Value, builder, count) ? (null, builder) : default;
        }

        var sums = new CohortSums(schoolByHash.Count, options);
        var counts = $"CAST({students} AS BIGINT), CAST({participants} AS BIGINT)";
        var columnsOut = $"hash({school}), hash({category}), {counts}";
        if (checkWhileSumming)
        {
            // One pass: every row comes out with its grade and is checked and summed here (CohortSums leaves out the
            // categories the options do not keep).
            var checking = new SumRead(sums, schoolByHash, hashed.Value);
            Chunks(connection, $"SELECT {columnsOut}, CAST({grade} AS BIGINT) FROM {table}", 5, checking.CheckedChunk);
            if (!checking.Good) return default;
            checkedBefore?.Remember(checking.SeenNames(names), layouts.Known);
            return (sums, null);
        }
        var select = $"SELECT {columnsOut} FROM {table}";
        IReadOnlyList<string>? present = null;
        if (options.Categories is { } kept)
        {
            // Only the kept categories' rows come out, so the others are checked here: no category that is not one
            // (DuckDB keeps a text column's distinct values in dictionaries: this reads little), and no school_id
            // that is not a school's (compared as stored, as the hashes are).
            var known = names.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
            present = passed && checkedBefore!.Categories is { } remembered ? remembered : Texts(connection, $"SELECT DISTINCT {category} FROM {table}");
            if (!present.All(known.Contains)) return default;
            var unknown = $"SELECT count(*) FROM (SELECT DISTINCT {school} AS id FROM {table}) c " +
                $"WHERE NOT EXISTS (SELECT 1 FROM {schools} s WHERE s.\"school_id\" = c.id)";
            if (!passed && Scalar(connection, unknown) != 0) return default;
            // The kept categories under the names the table uses (usually one name each): DuckDB pushes a single
            // equality into its scan, where a list is compared row by row.
            var keptNames = Enumerable.Range(0, names.Count)
                .Where(k => names[k].Code >= 0 && kept.Contains((Category)names[k].Code) && present.Contains(names[k].Name)).ToList();
            if (keptNames.Count == 0)
            {
                checkedBefore?.Remember(present, layouts.Known);
                return (sums, null);
            }
            if (keptNames.Count == 1)
            {
                // The rows of one name: their category is known, so it does not come out (nor need the names' hashes).
                var one = new SumRead(sums, schoolByHash, names.Select(n => n.Code).ToArray(), keptNames[0]);
                Chunks(connection, $"SELECT hash({school}), {counts} FROM {table} WHERE {category} = {Literal(names[keptNames[0]].Name)}", 3, one.OneNameChunk);
                if (!one.Good) return default;
                checkedBefore?.Remember(present, layouts.Known);
                return (sums, null);
            }
            select += $" WHERE {category} IN ({string.Join(", ", keptNames.Select(k => Literal(names[k].Name)))})";
        }
        var state = new SumRead(sums, schoolByHash, hashed.Value);
        Chunks(connection, select, 4, state.Chunk);
        if (!state.Good) return default;
        checkedBefore?.Remember(present ?? (options.Categories is null ? state.SeenNames(names) : null), layouts.Known);
        return (sums, null);
    }

    /// <summary>
    /// <see cref="TryReadCohortsFast"/>'s sums over Parquet files: an in-memory DuckDB reads them in place (as views schools and
    /// cohorts), with its own scan of the columns it needs and its own threads, in one pass (each query would decode the
    /// file again), every row checked as it is summed; null, having reported nothing, on any doubt (then the Parquet
    /// reader reads the rows and words the problems).
    /// </summary>
    public static CohortSums? TryReadParquetCohortsSummed(string schoolsFile, string cohortsFile, DistrictLoadOptions options) =>
        TryReadParquetCohortsSummed(schoolsFile, cohortsFile, Task.FromResult(options), null);

    /// <summary>
    /// <see cref="TryReadParquetCohortsSummed(string, string, DistrictLoadOptions)"/> with options that may come later; files
    /// that <paramref name="checkedData"/> remembers as checked are not checked again, and only the rows of the kept
    /// categories come out.
    /// </summary>
    public static CohortSums? TryReadParquetCohortsSummed(string schoolsFile, string cohortsFile, Task<DistrictLoadOptions> options, CheckedDataCache? checkedData)
    {
        try
        {
            using var connection = ParquetViews((DistrictSchema.SchoolsTable, schoolsFile), (DistrictSchema.CohortsTable, cohortsFile));
            return TryReadCohortsFast(connection, options, rows: null, checkWhileSumming: true, checkedData?.Open(cohortsFile, schoolsFile)).Sums;
        }
        catch (Exception e) when (IsDuckDbException(e) || e is InvalidDataException or InvalidCastException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads a Parquet file's table through an in-memory DuckDB, which decodes its columns side by side and hands text
    /// over as UTF-8 in place: true when every cell was good (and <paramref name="problems"/>, the builder's own sink,
    /// has nothing); false on any problem or doubt, having reported nothing anywhere else, so that the caller reads the
    /// file again with the Parquet reader into a new builder, which words every problem as ever.
    /// </summary>
    public static bool TryReadParquetTable(string file, TableBuilder builder, DataErrorSink problems)
    {
        const string table = "t";
        try
        {
            using var connection = ParquetViews((table, file));
            Read(connection, table, file, builder, problems);
            return problems.Count == 0 && builder.Count > 0;
        }
        catch (Exception e) when (IsDuckDbException(e) || e is TooManyDataErrors or InvalidDataException or InvalidCastException or IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// The threads each in-memory DuckDB over Parquet files works with: half the cores, as the schools' and the cohorts'
    /// reads each have an instance of their own and run side by side (two instances with a worker for every core crowd
    /// the cores: on 2 cores a cached run from Parquet took 0.51–0.67 s with them, 0.48–0.51 s with one thread each).
    /// </summary>
    internal static int ParquetThreads => Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>An in-memory DuckDB with a view of each Parquet file, by the view's name.</summary>
    internal static DuckDBConnection ParquetViews(params (string View, string File)[] views)
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SET threads = {ParquetThreads}; " + string.Concat(views.Select(v =>
                $"CREATE VIEW main.{Quote(v.View)} AS SELECT * FROM read_parquet({Literal(Path.GetFullPath(v.File))}); "));
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> Texts(DuckDBConnection connection, string sql)
    {
        var texts = new List<string>();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read()) texts.Add(reader.GetString(0));
        return texts;
    }

    /// <summary>The state of a cohorts read summed by school and category, and its inner loop.</summary>
    private sealed unsafe class SumRead
    {
        private readonly CohortSums _sums;
        private readonly SchoolHashIndex _schoolByHash;
        private readonly CategoryMatcher? _categories;
        private readonly sbyte[] _codes;
        private readonly int _onlyName = -1;
        private ulong _lastSchoolHash;
        private int _lastSchool = -1;

        /// <summary>A read whose rows come with the hash of their category name.</summary>
        public SumRead(CohortSums sums, SchoolHashIndex schoolByHash, CategoryMatcher categories)
        {
            _sums = sums;
            _schoolByHash = schoolByHash;
            _categories = categories;
            _codes = categories.Codes;
        }

        /// <summary>A read of the rows of one category name, the one at <paramref name="name"/> in the names (whose codes are <paramref name="codes"/>).</summary>
        public SumRead(CohortSums sums, SchoolHashIndex schoolByHash, sbyte[] codes, int name)
        {
            _sums = sums;
            _schoolByHash = schoolByHash;
            _codes = codes;
            _onlyName = name;
        }

        public bool Good { get; private set; } = true;

        // The category names seen so far, one bit each by their place in the names.
        private ulong _seen;

        /// <summary>The category names of the rows read (in a read of every row, those the table uses).</summary>
        public List<string> SeenNames(List<(string Name, sbyte Code)> names) =>
            names.Where((_, k) => (_seen & (1UL << k)) != 0).Select(n => n.Name).ToList();

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public bool Chunk(int size, byte*[] data, ulong*[] validity)
        {
            if (!AllValid(validity, 4, size)) return Good = false;
            var idHash = (ulong*)data[0];
            var categoryHash = (ulong*)data[1];
            var studentCount = (long*)data[2];
            var participantCount = (long*)data[3];
            for (var i = 0; i < size; i++)
            {
                if (!School(idHash[i])) return Good = false;
                var name = _categories!.Name(categoryHash[i]);
                if (name < 0) return Good = false;
                _seen |= 1UL << name;
                _sums.Add(_lastSchool, _codes[name], studentCount[i], participantCount[i]);
            }
            return true;
        }

        /// <summary>A chunk of (school_id hash, students, participants) rows of the one category name.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public bool OneNameChunk(int size, byte*[] data, ulong*[] validity)
        {
            if (!AllValid(validity, 3, size)) return Good = false;
            var idHash = (ulong*)data[0];
            var studentCount = (long*)data[1];
            var participantCount = (long*)data[2];
            var code = _codes[_onlyName];
            for (var i = 0; i < size; i++)
            {
                if (!School(idHash[i])) return Good = false;
                _sums.Add(_lastSchool, code, studentCount[i], participantCount[i]);
            }
            return true;
        }

        /// <summary>Makes the school whose id has <paramref name="hash"/> the current one (rows come grouped by school); false for no school's.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private bool School(ulong hash)
        {
            if (hash == _lastSchoolHash && _lastSchool >= 0) return true;
            if (!_schoolByHash.TryFind(hash, _lastSchool, out _lastSchool)) return false;
            _lastSchoolHash = hash;
            return true;
        }

        /// <summary>
        /// <see cref="Chunk"/> with the grade as a fifth column and every row checked as the check query would (a grade
        /// 1–12, counts 0 or more and within a 32-bit count, participants within students): for a source that each
        /// query reads again in full, such as a Parquet file.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public bool CheckedChunk(int size, byte*[] data, ulong*[] validity)
        {
            if (!AllValid(validity[4], size)) return Good = false;
            var studentCount = (long*)data[2];
            var participantCount = (long*)data[3];
            var grade = (long*)data[4];
            for (var i = 0; i < size; i++)
            {
                var p = participantCount[i];
                if ((ulong)(grade[i] - 1) >= DistrictSchema.MaxGrade || (ulong)studentCount[i] > int.MaxValue || (ulong)p > (ulong)studentCount[i])
                    return Good = false;
            }
            return Chunk(size, data, validity);
        }
    }

    /// <summary>
    /// Category names by their hash: by the hash's top six bits first, for the common case of no two sharing a slot.
    /// (There are fewer than 64 names, so a name's place fits a bit of a 64-bit mask.)
    /// </summary>
    private sealed class CategoryMatcher
    {
        private readonly ulong[] _hashes;
        private readonly ulong[] _slotHash = new ulong[64];
        private readonly sbyte[] _slotName = new sbyte[64];

        public CategoryMatcher(ulong[] hashes, sbyte[] codes)
        {
            if (hashes.Length > 64) throw new InvalidOperationException("more than 64 category names");
            _hashes = hashes;
            Codes = codes;
            for (var k = 0; k < hashes.Length; k++)
            {
                var slot = (int)(hashes[k] >> 58);
                if (_slotHash[slot] == 0) (_slotHash[slot], _slotName[slot]) = (hashes[k], (sbyte)k);
            }
        }

        /// <summary>The category code (-1 for none) of each name.</summary>
        public sbyte[] Codes { get; }

        /// <summary>The place of the name with this hash among the names, or -1 for a hash that is no category's.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public int Name(ulong hash)
        {
            var slot = (int)(hash >> 58);
            if (_slotHash[slot] == hash && hash != 0) return _slotName[slot];
            return Array.IndexOf(_hashes, hash);
        }

        /// <summary>The category code (-1 for none), or -2 for a hash that is no category's.</summary>
        public sbyte Code(ulong hash) => Name(hash) is var k and >= 0 ? Codes[k] : (sbyte)-2;
    }

    /// <summary>
    /// The cohorts' columns (in <see cref="DistrictSchema.Cohorts"/> order) when each is present once under its exact
    /// name with the usual type (text ids and categories, whole-number grades and counts) and the schools have a
    /// school_id of text too (ids are matched by the hash of their text); null otherwise.
    /// </summary>
    private static string[]? PlainCohortColumns(DuckDBConnection connection, TableLayouts layouts)
    {
        var (names, types) = layouts.Columns(connection, DistrictSchema.CohortsTable);
        var (schoolNames, schoolTypes) = layouts.Columns(connection, DistrictSchema.SchoolsTable);
        var id = schoolNames.IndexOf("school_id");
        if (id < 0 || !IsText(schoolTypes[id])) return null;
        var columns = DistrictSchema.Cohorts.Select(c => c.Name).ToArray();
        var positions = columns.Select(c => names.IndexOf(c)).ToArray();
        if (positions.Any(p => p < 0) || names.Distinct().Count() != names.Count) return null;
        string TypeOf(int column) => types[positions[column]];
        if (!IsText(TypeOf(CohortsBuilder.School)) || !IsText(TypeOf(CohortsBuilder.Category)) || !IsInteger(TypeOf(CohortsBuilder.Grade))
            || !IsInteger(TypeOf(CohortsBuilder.Students)) || !IsInteger(TypeOf(CohortsBuilder.Participants)))
            return null;
        return columns;
    }

    /// <summary>
    /// The hash of each school's id, to its row in table order; null when two ids share a hash (a duplicated id,
    /// which the schools' read reports, or a collision never seen).
    /// </summary>
    private static unsafe SchoolHashIndex? SchoolHashes(DuckDBConnection connection, string column, string schoolsTable, TableLayouts layouts)
    {
        var hashes = new ulong[Count(connection, schoolsTable)];
        var row = 0;
        Chunks(connection, $"SELECT hash({Quote(column)}) FROM main.{Quote(schoolsTable)}", 1, (size, data, _) =>
        {
            if (row + size > hashes.Length) throw new InvalidDataException("the table changed while it was read");
            new ReadOnlySpan<ulong>(data[0], size).CopyTo(hashes.AsSpan(row));
            row += size;
            return true;
        });
        return row == hashes.Length ? SchoolHashIndex.Build(hashes) : null;
    }

    /// <summary>Every category name (English and Chinese, none and 无 included) and its code (-1 for none).</summary>
    private static List<(string Name, sbyte Code)> CategoryNames()
    {
        var names = new List<(string Name, sbyte Code)> { (DistrictSchema.NoCategory, -1), (DistrictSchema.NoCategoryChinese, -1) };
        for (var c = 0; c < PlanEnums.Category.JsonNames.Count; c++)
        {
            names.Add((PlanEnums.Category.JsonNames[c], (sbyte)c));
            names.Add((PlanEnums.Category.ChineseNames[c], (sbyte)c));
        }
        return names;
    }

    /// <summary>The category names by the hash DuckDB gives each, with their codes.</summary>
    private static CategoryMatcher CategoryHashes(DuckDBConnection connection, List<(string Name, sbyte Code)> names)
    {
        var hashes = new ulong[names.Count];
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT " + string.Join(", ", names.Select(n => $"hash({Literal(n.Name)})"));
            using var reader = command.ExecuteReader();
            reader.Read();
            for (var k = 0; k < names.Count; k++) hashes[k] = reader.GetFieldValue<ulong>(k);
        }
        return new CategoryMatcher(hashes, names.Select(n => n.Code).ToArray());
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// The fast way to read good cohorts: DuckDB hashes school_id and category in its scan, so no text leaves the
    /// database; the hashes are matched against the hashes of the schools' ids (in the same database, by the same
    /// function) and of the category names. The first row that is not plainly good (an unknown hash, a null, a grade
    /// or count out of range) abandons this way without reporting anything, and the table is read again the
    /// ordinary way, which finds and words every problem.
    /// </summary>
    private static unsafe bool ReadCohortsByHash(DuckDBConnection connection, string[] columns, SchoolHashIndex schoolByHash,
        CategoryMatcher categories, CohortsBuilder builder, long expected)
    {
        var sql = $"SELECT hash({Quote(columns[0])}), CAST({Quote(columns[1])} AS BIGINT), hash({Quote(columns[2])}), " +
                  $"CAST({Quote(columns[3])} AS BIGINT), CAST({Quote(columns[4])} AS BIGINT) FROM main.{Quote(DistrictSchema.CohortsTable)}";
        var state = new HashRead(builder, schoolByHash, categories, expected);
        Chunks(connection, sql, 5, state.Chunk);
        return state.Good && state.Row == expected;
    }

    /// <summary>The state of a cohorts read by hash, and its inner loop.</summary>
    private sealed unsafe class HashRead
    {
        private readonly int[] _schools;
        private readonly byte[] _grades;
        private readonly sbyte[] _categories;
        private readonly int[] _students;
        private readonly int[] _participants;
        private readonly SchoolHashIndex _schoolByHash;
        private readonly CategoryMatcher _categoryCodes;
        private readonly long _expected;
        private ulong _lastSchoolHash;
        private int _lastSchool = -1;

        public HashRead(CohortsBuilder builder, SchoolHashIndex schoolByHash, CategoryMatcher categories, long expected)
        {
            _schools = builder.Schools;
            _grades = builder.Grades;
            _categories = builder.Categories;
            _students = builder.StudentCounts;
            _participants = builder.ParticipantCounts;
            _schoolByHash = schoolByHash;
            _categoryCodes = categories;
            _expected = expected;
        }

        public bool Good { get; private set; } = true;
        public long Row { get; private set; }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public bool Chunk(int size, byte*[] data, ulong*[] validity)
        {
            if (!AllValid(validity, 5, size)) return Good = false;
            if (Row + size > _expected) return Good = false;
            var idHash = (ulong*)data[0];
            var grade = (long*)data[1];
            var categoryHash = (ulong*)data[2];
            var studentCount = (long*)data[3];
            var participantCount = (long*)data[4];
            var start = (int)Row;
            var schools = _schools.AsSpan(start, size);
            var grades = _grades.AsSpan(start, size);
            var categories = _categories.AsSpan(start, size);
            var students = _students.AsSpan(start, size);
            var participants = _participants.AsSpan(start, size);
            for (var i = 0; i < size; i++)
            {
                var h = idHash[i];
                if (h != _lastSchoolHash || _lastSchool < 0)
                {
                    if (!_schoolByHash.TryFind(h, _lastSchool, out _lastSchool)) return Good = false;
                    _lastSchoolHash = h;
                }
                schools[i] = _lastSchool;
                var g = grade[i];
                if ((ulong)(g - 1) >= DistrictSchema.MaxGrade) return Good = false;
                grades[i] = (byte)g;
                var code = _categoryCodes.Code(categoryHash[i]);
                if (code < -1) return Good = false;
                categories[i] = code;
                var st = studentCount[i];
                var p = participantCount[i];
                if ((ulong)st > int.MaxValue || (ulong)p > int.MaxValue) return Good = false;
                students[i] = (int)st;
                participants[i] = (int)p;
            }
            Row += size;
            return true;
        }
    }

    /// <summary>Whether the first <paramref name="columns"/> vectors of a chunk have no missing value.</summary>
    private static unsafe bool AllValid(ulong*[] validity, int columns, int size)
    {
        for (var c = 0; c < columns; c++)
        {
            if (!AllValid(validity[c], size)) return false;
        }
        return true;
    }

    private static unsafe bool AllValid(ulong* mask, int size)
    {
        if (mask == null) return true;
        var words = size >> 6;
        for (var w = 0; w < words; w++)
        {
            if (mask[w] != ulong.MaxValue) return false;
        }
        var rest = size & 63;
        return rest == 0 || (mask[words] & ((1UL << rest) - 1)) == ((1UL << rest) - 1);
    }

    private enum Shape { Text, Integer, Real, Decimal }

    /// <summary>The scale of a DECIMAL(width, scale) type of up to 18 digits (which DuckDB holds in 64 bits or fewer); null for any other type.</summary>
    private static byte? SmallDecimalScale(string type)
    {
        if (!type.StartsWith("DECIMAL(", StringComparison.Ordinal) || !type.EndsWith(')')) return null;
        var parts = type["DECIMAL(".Length..^1].Split(',');
        if (parts.Length != 2
            || !int.TryParse(parts[0].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var width)
            || !int.TryParse(parts[1].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var scale))
            return null;
        return width is >= 1 and <= 18 && scale >= 0 && scale <= width ? (byte)scale : null;
    }

    private static bool IsText(string type) => type == "VARCHAR" || type.StartsWith("VARCHAR(", StringComparison.Ordinal);

    private static bool IsInteger(string type) => type is "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "UTINYINT" or "USMALLINT"
        or "UINTEGER" or "UBIGINT" or "HUGEINT" or "UHUGEINT";

    private static bool IsReal(string type) => type is "DOUBLE" or "FLOAT" or "REAL" || type.StartsWith("DECIMAL", StringComparison.Ordinal);

    private static Shape? ShapeOf(ColumnKind kind, string type) => kind switch
    {
        ColumnKind.Id => IsText(type) || IsInteger(type) ? Shape.Text : null,
        ColumnKind.Text or ColumnKind.Stage or ColumnKind.Location or ColumnKind.Ownership or ColumnKind.Category =>
            IsText(type) || type.StartsWith("ENUM", StringComparison.Ordinal) ? Shape.Text : null,
        ColumnKind.Count or ColumnKind.Grade => IsText(type) ? Shape.Text : IsInteger(type) ? Shape.Integer : IsReal(type) ? Shape.Real : null,
        // Money is read as DuckDB's own text of the value, so a DECIMAL keeps every digit.
        ColumnKind.Money => IsText(type) || IsInteger(type) || IsReal(type) ? Shape.Text : null,
        ColumnKind.Time => IsText(type) || type == "TIME" ? Shape.Text : null,
        _ => null,
    };

    private unsafe delegate bool ChunkAction(int size, byte*[] data, ulong*[] validity);

    /// <summary>Runs a query and hands each result chunk's vectors to <paramref name="action"/> (false stops).</summary>
    private static unsafe void Chunks(DuckDBConnection connection, string sql, int columns, ChunkAction action)
    {
        if (NativeMethods.PreparedStatements.DuckDBPrepare(connection.NativeConnection, sql, out var statement) != DuckDBState.Success)
        {
            var message = NativeMethods.PreparedStatements.DuckDBPrepareError(statement);
            statement.Dispose();
            throw new InvalidDataException(message);
        }
        DuckDBResult result;
        using (statement)
        {
            if (NativeMethods.PreparedStatements.DuckDBExecutePreparedStreaming(statement, out result) != DuckDBState.Success)
            {
                var message = NativeMethods.Query.DuckDBResultError(ref result);
                NativeMethods.Query.DuckDBDestroyResult(ref result);
                throw new InvalidDataException(message);
            }
        }
        try
        {
            var data = new byte*[columns];
            var validity = new ulong*[columns];
            while (true)
            {
                using var chunk = NativeMethods.StreamingResult.DuckDBStreamFetchChunk(result);
                if (chunk.IsInvalid)
                {
                    var error = NativeMethods.Query.DuckDBResultError(ref result);
                    if (!string.IsNullOrEmpty(error)) throw new InvalidDataException(error);
                    break;
                }
                var size = (int)NativeMethods.DataChunks.DuckDBDataChunkGetSize(chunk);
                if (size == 0) break;
                for (var c = 0; c < columns; c++)
                {
                    var vector = NativeMethods.DataChunks.DuckDBDataChunkGetVector(chunk, c);
                    data[c] = (byte*)NativeMethods.Vectors.DuckDBVectorGetData(vector);
                    validity[c] = NativeMethods.Vectors.DuckDBVectorGetValidity(vector);
                }
                if (!action(size, data, validity)) break;
            }
        }
        finally
        {
            NativeMethods.Query.DuckDBDestroyResult(ref result);
        }
    }

    private static unsafe void Stream(DuckDBConnection connection, string sql, Shape[] shapes, byte[] scales, TableBuilder builder, long expected)
    {
        long row = 0;
        Chunks(connection, sql, shapes.Length, (size, data, validity) =>
        {
            if (row + size > expected) throw new InvalidDataException("the table changed while it was read");
            for (var c = 0; c < shapes.Length; c++) Deliver(builder, c, shapes[c], scales[c], row, size, data[c], validity[c]);
            row += size;
            return true;
        });
        if (row != expected) throw new InvalidDataException("the table changed while it was read");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Deliver(TableBuilder builder, int column, Shape shape, byte scale, long row, int size, byte* values, ulong* mask)
    {
        // Whole numbers and decimals with no missing value go to the builder a vector at a time.
        if (shape == Shape.Integer && AllValid(mask, size))
        {
            builder.Integers(column, row, new ReadOnlySpan<long>(values, size));
            return;
        }
        if (shape == Shape.Decimal && AllValid(mask, size))
        {
            builder.ScaledMoneys(column, row, new ReadOnlySpan<long>(values, size), scale);
            return;
        }
        for (var i = 0; i < size; i++)
        {
            if (mask != null && (mask[i >> 6] & (1UL << (i & 63))) == 0) builder.Missing(column, row + i);
            else if (shape == Shape.Text) builder.Utf8(column, row + i, String(values + 16 * i));
            else if (shape == Shape.Integer) builder.Integer(column, row + i, ((long*)values)[i]);
            else if (shape == Shape.Decimal) builder.ScaledMoney(column, row + i, ((long*)values)[i], scale);
            else builder.Real(column, row + i, ((double*)values)[i]);
        }
    }

    /// <summary>A duckdb_string_t: a 4-byte length, then up to 12 bytes inline, or a 4-byte prefix and a pointer.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static unsafe ReadOnlySpan<byte> String(byte* value)
    {
        var length = *(uint*)value;
        return length <= 12 ? new ReadOnlySpan<byte>(value + 4, (int)length) : new ReadOnlySpan<byte>(*(byte**)(value + 8), (int)length);
    }

    internal static bool IsDuckDbException(Exception e) => e is DuckDBException or DbException;
}
