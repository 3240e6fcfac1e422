using System.Collections.Concurrent;
using System.Threading;

namespace PolicyLang.Runtime;

/// <summary>
/// Names that recur from plan to plan — districts, segment, activity, fee-item and provider names, grades — kept
/// once for the whole process, so that thousands of plans read into memory share them instead of each holding its
/// own copies (a plan's texts were a third of its memory; validators that walk many plans are bound by memory
/// traffic: bench/README.md). Bounded: short texts only, and no more than <see cref="MaxEntries"/> of them; past
/// that a text is simply not shared. A school's own id and name are never passed here.
/// </summary>
public static class PlanTexts
{
    public const int MaxEntries = 4096;
    public const int MaxLength = 32;

    private static readonly ConcurrentDictionary<string, string> s_pool = new(StringComparer.Ordinal);
    private static int s_count;

    /// <summary>The one shared copy of <paramref name="text"/>, or the text itself when it is not kept.</summary>
    public static string Share(string text)
    {
        if (text.Length > MaxLength) return text;
        if (s_pool.TryGetValue(text, out var shared)) return shared;
        if (Volatile.Read(ref s_count) >= MaxEntries) return text;
        shared = s_pool.GetOrAdd(text, text);
        if (ReferenceEquals(shared, text)) Interlocked.Increment(ref s_count);
        return shared;
    }
}
