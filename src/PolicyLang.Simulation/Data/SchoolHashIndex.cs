using System.Runtime.CompilerServices;

namespace PolicyLang.Simulation.Data;

/// <summary>
/// The schools' rows by the hash of their id, for cohorts read as hashes (<see cref="DuckDbDistrictReader"/>). Cohorts
/// come grouped by school, usually in the schools' order, so the row after the one found last is tried first; any other
/// hash is looked up in an open-addressing table (linear probing over a power-of-two array at most half full).
/// </summary>
internal sealed class SchoolHashIndex
{
    private readonly ulong[] _byRow;
    private readonly ulong[] _keys;
    private readonly int[] _rows;
    private readonly int _mask;
    // Hash 0 marks an empty slot, so a school whose hash is 0 is kept aside.
    private int _zeroRow = -1;

    private SchoolHashIndex(ulong[] byRow)
    {
        _byRow = byRow;
        var size = 16;
        while (size < byRow.Length * 2) size <<= 1;
        _keys = new ulong[size];
        _rows = new int[size];
        _mask = size - 1;
    }

    public int Count => _byRow.Length;

    /// <summary>The index of the hashes (index = row); null when two rows share a hash.</summary>
    public static SchoolHashIndex? Build(ulong[] hashes)
    {
        var index = new SchoolHashIndex(hashes);
        for (var row = 0; row < hashes.Length; row++)
            if (!index.Add(hashes[row], row))
                return null;
        return index;
    }

    private bool Add(ulong hash, int row)
    {
        if (hash == 0)
        {
            if (_zeroRow >= 0) return false;
            _zeroRow = row;
            return true;
        }
        var slot = (int)(hash ^ (hash >> 32)) & _mask;
        while (_keys[slot] != 0)
        {
            if (_keys[slot] == hash) return false;
            slot = (slot + 1) & _mask;
        }
        _keys[slot] = hash;
        _rows[slot] = row;
        return true;
    }

    /// <summary>The row of the school whose id has <paramref name="hash"/>, trying the row after <paramref name="last"/> first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryFind(ulong hash, int last, out int row)
    {
        var next = last + 1;
        if ((uint)next < (uint)_byRow.Length && _byRow[next] == hash)
        {
            row = next;
            return true;
        }
        return TryLookUp(hash, out row);
    }

    private bool TryLookUp(ulong hash, out int row)
    {
        if (hash == 0)
        {
            row = _zeroRow;
            return row >= 0;
        }
        var slot = (int)(hash ^ (hash >> 32)) & _mask;
        while (true)
        {
            var key = _keys[slot];
            if (key == hash)
            {
                row = _rows[slot];
                return true;
            }
            if (key == 0)
            {
                row = -1;
                return false;
            }
            slot = (slot + 1) & _mask;
        }
    }
}
