using System.Collections;

namespace PolicyLang.Runtime;

/// <summary>
/// A small read-only table of counts (students by grade or by category) as the plan reader makes it: one array
/// of pairs in the order written, looked up by a linear search (through an index past 16 entries). A plan has a
/// handful of grades and categories, and a district validates thousands of plans held in memory; a
/// <see cref="Dictionary{TKey,TValue}"/> of six grades takes some 330 bytes, this takes about 150.
/// </summary>
public sealed class CountTable<TKey> : IReadOnlyDictionary<TKey, int> where TKey : notnull
{
    private static readonly EqualityComparer<TKey> s_comparer = EqualityComparer<TKey>.Default;
    /// <summary>Past this many entries a table keeps an index too (a hostile plan may have thousands of grades).</summary>
    private const int SearchLimit = 16;
    private readonly KeyValuePair<TKey, int>[] _entries;
    private readonly Dictionary<TKey, int>? _index;

    /// <summary>The pairs in order; a key written twice keeps its place and its last count (as a dictionary would).</summary>
    public CountTable(IEnumerable<KeyValuePair<TKey, int>> pairs)
    {
        var entries = new List<KeyValuePair<TKey, int>>();
        var index = new Dictionary<TKey, int>(s_comparer);
        foreach (var pair in pairs)
        {
            if (index.TryGetValue(pair.Key, out var at)) entries[at] = pair;
            else
            {
                index.Add(pair.Key, entries.Count);
                entries.Add(pair);
            }
        }
        _entries = entries.ToArray();
        _index = _entries.Length > SearchLimit ? index : null;
    }

    private int IndexOf(TKey key)
    {
        if (_index is not null) return _index.TryGetValue(key, out var at) ? at : -1;
        for (var i = 0; i < _entries.Length; i++)
            if (s_comparer.Equals(_entries[i].Key, key)) return i;
        return -1;
    }

    public int Count => _entries.Length;
    public int this[TKey key] => TryGetValue(key, out var n) ? n : throw new KeyNotFoundException($"no count for {key}");
    public IEnumerable<TKey> Keys => _entries.Select(e => e.Key);
    public IEnumerable<int> Values => _entries.Select(e => e.Value);
    public bool ContainsKey(TKey key) => IndexOf(key) >= 0;

    public bool TryGetValue(TKey key, out int value)
    {
        var at = IndexOf(key);
        value = at >= 0 ? _entries[at].Value : 0;
        return at >= 0;
    }

    public IEnumerator<KeyValuePair<TKey, int>> GetEnumerator() => ((IEnumerable<KeyValuePair<TKey, int>>)_entries).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
