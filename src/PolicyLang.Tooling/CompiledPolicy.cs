using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using PolicyLang.Binding;
using PolicyLang.Emit;

namespace PolicyLang.Tooling;

/// <summary>
/// A policy compiled through Roslyn and loaded in process. Compiled assemblies are cached on disk by the hash
/// of their C# (in $POLICYC_CACHE, else ~/.cache/policyc), so a policy is compiled once until it changes.
/// </summary>
public sealed class CompiledPolicy
{
    private readonly Type _type;
    private readonly MethodInfo _create;

    private CompiledPolicy(EmittedPolicy? emitted, Assembly assembly, string typeName, string? cachedPath)
    {
        Emitted = emitted;
        _type = assembly.GetType(typeName, throwOnError: true)!;
        var parameters = _type.GetNestedType("Parameters") ?? throw new TypeLoadException(typeName + " has no Parameters class");
        _create = parameters.GetMethod("Create", BindingFlags.Public | BindingFlags.Static) ?? throw new TypeLoadException(typeName + ".Parameters has no Create");
        CachedPath = cachedPath;
    }

    /// <summary>The C# it was compiled from; null for an assembly loaded by <see cref="LoadCached(string, string)"/>.</summary>
    public EmittedPolicy? Emitted { get; }
    public Type Type => _type;
    /// <summary>The assembly's file in the cache, when it is there.</summary>
    public string? CachedPath { get; }

    /// <summary>A validator with the parameter values on a date, with overrides by parameter id.</summary>
    public IPlanValidator CreateValidator(DateTime? asOf = null, IReadOnlyDictionary<string, object?>? overrides = null) =>
        (IPlanValidator)CreateInstance(asOf, overrides);

    /// <summary>An instance of the generated policy class with the parameter values on a date, with overrides by id (runtime values, see <see cref="RuntimeValues"/>).</summary>
    public object CreateInstance(DateTime? asOf = null, IReadOnlyDictionary<string, object?>? overrides = null)
    {
        var parameters = _create.Invoke(null, new object?[] { asOf, overrides });
        return Activator.CreateInstance(_type, parameters)!;
    }

    public static string? CacheDirectory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("POLICYC_CACHE");
            if (configured == "off") return null;
            if (!string.IsNullOrEmpty(configured)) return configured;
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache", "policyc");
        }
    }

    private static readonly string s_runtimeIdentity = typeof(SchoolPlan).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    public static CompiledPolicy Compile(BoundPolicy policy, string? linePath = null)
    {
        var emitted = PolicyEmitter.Emit(policy, new PolicyEmitOptions { LinePath = linePath });
        // The runtime's module id, not its version: a rebuilt runtime (a property's type changed) must not load an
        // assembly compiled against the old one (MissingMethodException at the first plan).
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(emitted.Source + "\n" + s_runtimeIdentity))).Substring(0, 32);
        var cache = CacheDirectory;
        var cached = cache is null ? null : Path.Combine(cache, hash + ".dll");
        // An assembly in the cache that cannot be loaded (cut short, overwritten by something else) is compiled again.
        if (cached is not null && File.Exists(cached) && LoadCached(cached, emitted.FullName, emitted) is { } found) return found;
        var result = AssemblyBuilder.Build(new[] { emitted }, "PolicyLang.Policies." + emitted.ClassName + "_" + hash);
        if (!result.Success)
            throw new InvalidOperationException("the generated C# does not compile (a policyc bug):\n" + string.Join("\n", result.Diagnostics.Take(10)));
        var stored = cached is not null && AtomicFile.TryWriteCacheEntry(cached, result.Pe);
        return new CompiledPolicy(emitted, Load(result.Pe, result.Pdb, emitted.PolicyName + " " + hash), emitted.FullName, stored ? cached : null);
    }

    /// <summary>
    /// The assembly an earlier <see cref="Compile"/> left in the cache (<see cref="CachedPath"/>), with its policy
    /// class's full name; null when the file is gone, unreadable or not that assembly.
    /// </summary>
    public static CompiledPolicy? LoadCached(string path, string typeName) => LoadCached(path, typeName, null);

    private static CompiledPolicy? LoadCached(string path, string typeName, EmittedPolicy? emitted)
    {
        byte[] pe;
        try
        {
            pe = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        try
        {
            return new CompiledPolicy(emitted, Load(pe, null, Path.GetFileNameWithoutExtension(path)), typeName, path);
        }
        catch (Exception e) when (e is BadImageFormatException or TypeLoadException or FileLoadException)
        {
            return null;
        }
    }

    private static Assembly Load(byte[] pe, byte[]? pdb, string name)
    {
        var context = new AssemblyLoadContext("policy " + name, isCollectible: true);
        using var peStream = new MemoryStream(pe);
        using var pdbStream = pdb is null ? null : new MemoryStream(pdb);
        return context.LoadFromStream(peStream, pdbStream);
    }
}
