using System.Text;

namespace PolicyLang.Tooling;

/// <summary>
/// File names for cache entries: 32 hex digits of two 64-bit FNV-1a hashes of the entry's key. Not a cryptographic
/// hash (an entry holds its whole key and is checked against it, so two keys that meet only share a slot), and cheap
/// on a run's critical path: no crypto library to load.
/// </summary>
public static class CacheNames
{
    public static string Of(string key)
    {
        const ulong prime = 1099511628211UL;
        ulong a = 14695981039346656037UL, b = 0x9E3779B97F4A7C15UL;
        foreach (var c in Encoding.UTF8.GetBytes(key))
        {
            a = (a ^ c) * prime;
            b = (b ^ c) * prime;
            b ^= b >> 29;
        }
        return a.ToString("X16", System.Globalization.CultureInfo.InvariantCulture) + b.ToString("X16", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The key made of several parts, each with its length before it, so that no two lists of parts read the same.</summary>
    public static string Of(IEnumerable<string> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts) text.Append(part.Length).Append(':').Append(part).Append('\n');
        return Of(text.ToString());
    }
}
