using PolicyLang.Simulation.Data;

namespace PolicyLang.Tests.Simulation;

/// <summary>The schools' rows by the hash of their ids, as the DuckDB cohort reads find them.</summary>
public sealed class SchoolHashIndexTests
{
    [Fact]
    public void Finds_every_row_in_order_out_of_order_and_a_hash_of_zero()
    {
        var random = new Random(7);
        var hashes = Enumerable.Range(0, 5000).Select(_ => (ulong)random.NextInt64(long.MinValue, long.MaxValue)).Distinct().ToList();
        hashes[1234] = 0;
        // Colliding low bits: the table must probe past them.
        for (var k = 0; k < 50; k++) hashes.Add(((ulong)k << 40) | 0xABCDUL);
        var index = SchoolHashIndex.Build(hashes.ToArray())!;
        Assert.Equal(hashes.Count, index.Count);

        var last = -1;
        for (var row = 0; row < hashes.Count; row++)
        {
            Assert.True(index.TryFind(hashes[row], last, out last));
            Assert.Equal(row, last);
        }
        foreach (var row in Enumerable.Range(0, hashes.Count).OrderBy(_ => random.Next()))
        {
            Assert.True(index.TryFind(hashes[row], random.Next(-1, hashes.Count), out var found));
            Assert.Equal(row, found);
        }
        Assert.False(index.TryFind(0xFEEDUL << 40, -1, out _));
        Assert.False(index.TryFind(0xFEEDUL << 40, hashes.Count - 1, out _));
    }

    [Fact]
    public void Two_rows_with_one_hash_give_no_index()
    {
        Assert.Null(SchoolHashIndex.Build(new ulong[] { 5, 9, 5 }));
        Assert.Null(SchoolHashIndex.Build(new ulong[] { 0, 9, 0 }));
        Assert.NotNull(SchoolHashIndex.Build(Array.Empty<ulong>()));
        Assert.False(SchoolHashIndex.Build(Array.Empty<ulong>())!.TryFind(0, -1, out _));
    }
}
