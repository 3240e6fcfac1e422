using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Server;
using static PolicyLang.Tests.LanguageServer.LspClient;

namespace PolicyLang.Tests.LanguageServer;

/// <summary>A workspace of several files: extends across files, unsaved parents, files changed on disk.</summary>
public sealed class WorkspaceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("policylang-lsp-workspace-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Parent(int cap) =>
        $"policy province_2021 {{\n  title \"省级办法\"\n  issuer \"省教育厅\"\n  level province\n  effective 2021-09-01\n}}\n\nfee {{\n  cap {cap} 元/生/月 § \"五\"\n}}\n";

    private const string Child =
        "policy city_2021 {\n  title \"市级办法\"\n  issuer \"市教育局\"\n  level city\n  effective 2021-09-01\n  extends province_2021\n}\n\nfee {\n  cap 80 元/生/月 § \"三\"\n}\n";

    [Fact]
    public async Task A_child_follows_its_parent_on_disk_and_in_the_editor()
    {
        var parentPath = Path.Combine(_dir, "province.policy");
        var childPath = Path.Combine(_dir, "city.policy");
        File.WriteAllText(parentPath, Parent(100));
        File.WriteAllText(childPath, Child);
        await using var client = await StartAsync(workspaceFolder: _dir);
        var child = await client.OpenAsync(Uris.FromPath(childPath), Child);
        Assert.Empty((await client.DiagnosticsAsync(child, 1)).Diagnostics);

        // The parent changes on disk: its cap is now below the child's, which is looser and so an error.
        File.WriteAllText(parentPath, Parent(50));
        File.SetLastWriteTimeUtc(parentPath, DateTime.UtcNow.AddSeconds(5));
        await client.NotifyAsync("workspace/didChangeWatchedFiles", new DidChangeWatchedFilesParams(new[] { new FileEvent(Uris.FromPath(parentPath), FileChangeType.Changed) }));
        var looser = await client.DiagnosticsAsync(child, 1);
        while (looser.Diagnostics.Length == 0) looser = await client.DiagnosticsAsync(child, 1);
        var error = Assert.Single(looser.Diagnostics);
        Assert.Equal(DiagnosticSeverityKind.Error, error.Severity);
        Assert.Contains("province_2021", error.Message, StringComparison.Ordinal);

        // The parent opened in the editor with unsaved text wins over the disk, and its edits reach the child.
        var parent = await client.OpenAsync(Uris.FromPath(parentPath), Parent(120));
        var fine = await client.DiagnosticsAsync(child, 1);
        while (fine.Diagnostics.Length != 0) fine = await client.DiagnosticsAsync(child, 1);
        Assert.Empty(fine.Diagnostics);
        var v = await client.ChangeAsync(parent, new TextDocumentContentChangeEvent(Parent(60)));
        var again = await client.DiagnosticsAsync(child, 1);
        while (again.Diagnostics.Length == 0) again = await client.DiagnosticsAsync(child, 1);
        Assert.Single(again.Diagnostics);
    }
}
