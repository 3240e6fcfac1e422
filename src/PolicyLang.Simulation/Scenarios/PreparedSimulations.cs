using System.Globalization;
using System.Text;
using System.Text.Json;
using PolicyLang.Binding;
using PolicyLang.Simulation.Data;
using PolicyLang.Syntax;
using PolicyLang.Text;
using PolicyLang.Tooling;

namespace PolicyLang.Simulation.Scenarios;

/// <summary>
/// What a compiled simulation needs of a bound policy, kept from an earlier run with the same arguments: the policy's
/// name and title, what its measures read of the cohorts, its compiled assembly, and the scenarios (their overrides as
/// the compiled policy takes them, their assumptions, labels and sweep values).
/// </summary>
public sealed class PreparedSimulation
{
    internal PreparedSimulation(string policyName, string? title, DistrictLoadOptions loadOptions, string assemblyPath, string typeName,
        IReadOnlyList<SimulationScenario> scenarios, string? sweepParameter, string? sweepUnit)
    {
        PolicyName = policyName;
        Title = title;
        LoadOptions = loadOptions;
        AssemblyPath = assemblyPath;
        TypeName = typeName;
        Scenarios = scenarios;
        SweepParameter = sweepParameter;
        SweepUnit = sweepUnit;
    }

    public string PolicyName { get; }
    public string? Title { get; }
    public DistrictLoadOptions LoadOptions { get; }
    /// <summary>The compiled policy in the compiled-policy cache, and its class.</summary>
    public string AssemblyPath { get; }
    public string TypeName { get; }
    /// <summary>The scenarios after the baseline, <see cref="SimulationScenario.IsPrepared"/>.</summary>
    public IReadOnlyList<SimulationScenario> Scenarios { get; }
    public string? SweepParameter { get; }
    public string? SweepUnit { get; }
}

/// <summary>
/// Remembers, for a simulation run by its arguments (the policy file's full path, the date its parameters take their
/// values on, the scenarios asked for), what the run learned from parsing and binding the policy
/// (<see cref="PreparedSimulation"/>), so that the same run again, as an analyst repeats it over new data or
/// another output, starts simulating at once. An entry holds only while every input of the binding is as it was:
/// <list type="bullet">
/// <item>the policy's text, and the text of every policy file an <c>extends</c> read;</item>
/// <item>the list of .policy files in every folder an <c>extends</c> looked in (a file added there could be found first);</item>
/// <item>whether each test's plan file exists (a missing one is an error);</item>
/// <item>this build of policyc (the prelude, the binder, the emitter, the runtime and the command itself).</item>
/// </list>
/// Texts are compared in full, not by time stamps. Only runs of the compiled engine whose policy bound without errors
/// are remembered. Entries are JSON files, written atomically, in <c>simulations/</c> of the compiled-policy cache
/// ($POLICYC_CACHE, else ~/.cache/policyc; POLICYC_CACHE=off keeps none); one that cannot be read, or names an
/// assembly no longer there, is passed over and the policy bound as usual.
/// </summary>
public sealed class PreparedSimulations
{
    private const int MaxEntryBytes = 4 * 1024 * 1024;
    private const int Format = 1;
    private static readonly string s_build = string.Join(" ", new[]
    {
        typeof(PreparedSimulations), typeof(BoundPolicy), typeof(SyntaxTree), typeof(Emit.PolicyEmitter), typeof(SchoolPlan), typeof(CompiledPolicy),
    }.Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")));

    private int _hits;

    public PreparedSimulations(string directory) => Directory = directory;

    /// <summary>The entries in the compiled-policy cache's folder; null when that is off or there is no home folder.</summary>
    public static PreparedSimulations? Default =>
        CompiledPolicy.CacheDirectory is { } directory ? new PreparedSimulations(Path.Combine(directory, "simulations")) : null;

    public string Directory { get; }

    /// <summary>How many runs through this cache found their simulation prepared.</summary>
    public int Hits => _hits;

    /// <summary>
    /// The key of a run: the policy file's full path, then every other argument that shapes the binding or the scenarios
    /// (the caller's own build among them when its code shapes them).
    /// </summary>
    public static IReadOnlyList<string> Key(string policyPath, IEnumerable<string> arguments) =>
        new[] { "policyc prepared simulation " + Format, s_build, Path.GetFullPath(policyPath) }.Concat(arguments).ToArray();

    private string EntryPath(IReadOnlyList<string> key) => Path.Combine(Directory, CacheNames.Of(key) + ".json");

    /// <summary>The simulation prepared for this key, when its entry is there and every input it depends on is unchanged.</summary>
    public PreparedSimulation? Find(IReadOnlyList<string> key)
    {
        var prepared = Read(EntryPath(key), key);
        if (prepared is not null) Interlocked.Increment(ref _hits);
        return prepared;
    }

    private static PreparedSimulation? Read(string entry, IReadOnlyList<string> key)
    {
        try
        {
            var info = new FileInfo(entry);
            if (!info.Exists || info.Length > MaxEntryBytes) return null;
            using var document = JsonDocument.Parse(File.ReadAllBytes(entry));
            var root = document.RootElement;
            if (!root.GetProperty("key").EnumerateArray().Select(k => k.GetString()).SequenceEqual(key)) return null;
            if (!InputsUnchanged(root)) return null;
            var assembly = root.GetProperty("assembly").GetString()!;
            if (!File.Exists(assembly)) return null;
            var scenarios = new List<SimulationScenario>();
            foreach (var s in root.GetProperty("scenarios").EnumerateArray())
            {
                var overrides = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var o in s.GetProperty("overrides").EnumerateArray())
                    overrides[o.GetProperty("name").GetString()!] = PreparedValues.Read(o.GetProperty("value"));
                var assumptions = new ScenarioAssumptions { Elasticity = Decimal(s.GetProperty("elasticity"))!.Value, ChargesCap = s.GetProperty("charges_cap").GetBoolean() };
                scenarios.Add(SimulationScenario.Prepared(s.GetProperty("name").GetString()!, s.GetProperty("label").GetString(), overrides, assumptions,
                    Decimal(s.GetProperty("sweep_value"))));
            }
            var load = root.GetProperty("load");
            var categories = load.GetProperty("categories");
            var options = new DistrictLoadOptions
            {
                Grade = load.GetProperty("grade").GetBoolean(),
                Category = load.GetProperty("category").GetBoolean(),
                SumByCategory = load.GetProperty("sum_by_category").GetBoolean(),
                Categories = categories.ValueKind == JsonValueKind.Null ? null
                    : categories.EnumerateArray().Select(c => PlanEnums.Category.TryParse(c.GetString()!, out var v) ? v : throw new FormatException("unknown category")).ToArray(),
            };
            return new PreparedSimulation(root.GetProperty("policy").GetString()!, root.GetProperty("title").GetString(), options, assembly,
                root.GetProperty("type").GetString()!, scenarios, root.GetProperty("sweep_parameter").GetString(), root.GetProperty("sweep_unit").GetString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException
                                      or KeyNotFoundException or FormatException or OverflowException or ArgumentException)
        {
            // An entry of another shape, cut short or edited: not trusted.
            return null;
        }
    }

    private static decimal? Decimal(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null ? null : decimal.Parse(value.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static bool InputsUnchanged(JsonElement root)
    {
        foreach (var input in root.GetProperty("texts").EnumerateArray())
        {
            if (SourceFile.Read(input.GetProperty("path").GetString()!, out var text, out _) != SourceReadStatus.Ok) return false;
            if (!string.Equals(text!.Content, input.GetProperty("text").GetString(), StringComparison.Ordinal)) return false;
        }
        foreach (var listed in root.GetProperty("folders").EnumerateArray())
        {
            var folder = listed.GetProperty("folder").GetString()!;
            if (!System.IO.Directory.Exists(folder)) return false;
            if (!FileSystemPolicyResolver.PolicyFilesIn(folder).SequenceEqual(listed.GetProperty("files").EnumerateArray().Select(f => f.GetString()), StringComparer.Ordinal)) return false;
        }
        foreach (var plan in root.GetProperty("plans").EnumerateArray())
            if (File.Exists(plan.GetProperty("path").GetString()!) != plan.GetProperty("exists").GetBoolean()) return false;
        return true;
    }

    /// <summary>
    /// Remembers what this run learned: <paramref name="compilation"/> bound without errors from the file
    /// <paramref name="resolver"/> was given, and <paramref name="compiled"/> is its assembly in the cache. Nothing is
    /// remembered when the assembly is not in the cache, a policy file the binding read could not be read, or an
    /// override has a kind of value an entry cannot hold.
    /// </summary>
    public bool Remember(IReadOnlyList<string> key, Compilation compilation, FileSystemPolicyResolver resolver, CompiledPolicy compiled,
        DistrictLoadOptions loadOptions, IReadOnlyList<SimulationScenario> scenarios, string? sweepParameter, string? sweepUnit)
    {
        try
        {
            return Write(key, compilation, resolver, compiled, loadOptions, scenarios, sweepParameter, sweepUnit);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Remembering is a convenience: a run that simulated never fails for it (a path the file system refuses, …).
            return false;
        }
    }

    private bool Write(IReadOnlyList<string> key, Compilation compilation, FileSystemPolicyResolver resolver, CompiledPolicy compiled,
        DistrictLoadOptions loadOptions, IReadOnlyList<SimulationScenario> scenarios, string? sweepParameter, string? sweepUnit)
    {
        if (compiled.CachedPath is null || compilation.HasErrors || resolver.Read.Values.Any(t => t is null)) return false;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("key");
            foreach (var k in key) json.WriteStringValue(k);
            json.WriteEndArray();

            json.WriteStartArray("texts");
            var texts = new List<SyntaxTree> { compilation.Tree };
            texts.AddRange(resolver.Read.Values.Where(t => t is not null && !ReferenceEquals(t, compilation.Tree))!);
            foreach (var tree in texts)
            {
                json.WriteStartObject();
                json.WriteString("path", Path.GetFullPath(tree.Path));
                json.WriteString("text", tree.Text.Content);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("folders");
            foreach (var (folder, files) in resolver.Listed)
            {
                json.WriteStartObject();
                json.WriteString("folder", folder);
                json.WriteStartArray("files");
                foreach (var f in files) json.WriteStringValue(f);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("plans");
            var plans = new HashSet<string>(StringComparer.Ordinal);
            for (var c = compilation; c is not null; c = c.Parent)
            {
                foreach (var test in c.Policy.Tests)
                {
                    if (test.PlanFile is not { } plan || !plans.Add(plan)) continue;
                    json.WriteStartObject();
                    json.WriteString("path", plan);
                    json.WriteBoolean("exists", File.Exists(plan));
                    json.WriteEndObject();
                }
            }
            json.WriteEndArray();

            json.WriteString("policy", compilation.Policy.Symbol.Name);
            json.WriteString("title", compilation.Policy.Symbol.Title);
            json.WriteString("assembly", compiled.CachedPath);
            json.WriteString("type", compiled.Type.FullName);
            json.WriteStartObject("load");
            json.WriteBoolean("grade", loadOptions.Grade);
            json.WriteBoolean("category", loadOptions.Category);
            json.WriteBoolean("sum_by_category", loadOptions.SumByCategory);
            if (loadOptions.Categories is { } categories)
            {
                json.WriteStartArray("categories");
                foreach (var c in categories) json.WriteStringValue(PlanEnums.Category.Json(c));
                json.WriteEndArray();
            }
            else
            {
                json.WriteNull("categories");
            }
            json.WriteEndObject();
            json.WriteString("sweep_parameter", sweepParameter);
            json.WriteString("sweep_unit", sweepUnit);
            json.WriteStartArray("scenarios");
            foreach (var s in scenarios)
            {
                json.WriteStartObject();
                json.WriteString("name", s.Name);
                json.WriteString("label", s.Label);
                json.WriteString("sweep_value", s.SweepValue?.ToString(CultureInfo.InvariantCulture));
                json.WriteString("elasticity", s.Assumptions.Elasticity.ToString(CultureInfo.InvariantCulture));
                json.WriteBoolean("charges_cap", s.Assumptions.ChargesCap);
                json.WriteStartArray("overrides");
                foreach (var (name, value) in s.RuntimeOverrides.OrderBy(o => o.Key, StringComparer.Ordinal))
                {
                    json.WriteStartObject();
                    json.WriteString("name", name);
                    json.WritePropertyName("value");
                    if (!PreparedValues.TryWrite(json, value)) return false;
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return AtomicFile.TryWriteCacheEntry(EntryPath(key), buffer.ToArray());
    }
}
