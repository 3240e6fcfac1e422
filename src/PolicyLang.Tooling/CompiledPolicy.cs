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

    private CompiledPolicy(EmittedPolicy emitted, Assembly assembly)
    {
        Emitted = emitted;
        _type = assembly.GetType(emitted.FullName, throwOnError: true)!;
        var parameters = _type.GetNestedType("Parameters")!;
        _create = parameters.GetMethod("Create", BindingFlags.Public | BindingFlags.Static)!;
    }

    public EmittedPolicy Emitted { get; }
    public Type Type => _type;

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
        byte[] pe;
        byte[]? pdb = null;
        if (cached is not null && File.Exists(cached))
        {
            pe = File.ReadAllBytes(cached);
        }
        else
        {
            var result = AssemblyBuilder.Build(new[] { emitted }, "PolicyLang.Policies." + emitted.ClassName + "_" + hash);
            if (!result.Success)
                throw new InvalidOperationException("the generated C# does not compile (a policyc bug):\n" + string.Join("\n", result.Diagnostics.Take(10)));
            pe = result.Pe;
            pdb = result.Pdb;
            if (cached is not null) TryStore(cache!, cached, pe);
        }
        var context = new AssemblyLoadContext("policy " + emitted.PolicyName + " " + hash, isCollectible: true);
        using var peStream = new MemoryStream(pe);
        using var pdbStream = pdb is null ? null : new MemoryStream(pdb);
        return new CompiledPolicy(emitted, context.LoadFromStream(peStream, pdbStream));
    }

    private static void TryStore(string directory, string path, byte[] pe)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temp, pe);
            File.Move(temp, path, overwrite: true);
        }
        catch (IOException)
        {
            // A cache that cannot be written only costs a compile next time.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
