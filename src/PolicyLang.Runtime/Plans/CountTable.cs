using System.Collections;

namespace PolicyLang.Runtime;

/// <summary>
/// A small read-only table of counts (students by grade or by category) as the plan reader makes it: one array
/// of pairs in the order written, looked up by a linear search. A plan has a handful of grades and categories,
/// and a district validates thousands of plans held in memory; a <see cref="Dictionary{TKey,TValue}"/> of six
/// grades takes some 330 bytes, this takes about 150.
/// </summary>
public sealed class CountTable<TKey> : IReadOnlyDictionary<TKey, int> where TKey : notnull
{
    private static readonly EqualityComparer<TKey> s_comparer = EqualityComparer<TKey>.Default;
    private readonly KeyValuePair<TKey, int>[] _entries;

    /// <summary>The pairs in order; a key written twice keeps its place and its last count (as a dictionary would).</summary>
    public CountTable(IEnumerable<KeyValuePair<TKey, int>> pairs)
    {
        var entries = new List<KeyValuePair<TKey, int>>();
        foreach (var pair in pairs)
        {
            var at = IndexIn(entries, pair.Key);
            if (at >= 0) entries[at] = pair;
            else entries.Add(pair);
        }
        _entries = entries.ToArray();
    }

    private static int IndexIn(IReadOnlyList<KeyValuePair<TKey, int>> entries, TKey key)
    {
        for (var i = 0; i < entries.Count; i++)
            if (s_comparer.Equals(entries[i].Key, key)) return i;
        return -1;
    }

    public int Count => _entries.Length;
    public int this[TKey key] => TryGetValue(key, out var n) ? n : throw new KeyNotFoundException($"no count for {key}");
    public IEnumerable<TKey> Keys => _entries.Select(e => e.Key);
    public IEnumerable<int> Values => _entries.Select(e => e.Value);
    public bool ContainsKey(TKey key) => IndexIn(_entries, key) >= 0;

    public bool TryGetValue(TKey key, out int value)
    {
        var at = IndexIn(_entries, key);
        value = at >= 0 ? _entries[at].Value : 0;
        return at >= 0;
    }

    public IEnumerator<KeyValuePair<TKey, int>> GetEnumerator() => ((IEnumerable<KeyValuePair<TKey, int>>)_entries).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
