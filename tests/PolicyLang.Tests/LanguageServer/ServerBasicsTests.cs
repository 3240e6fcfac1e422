using System.Text.Json;
using PolicyLang.LanguageServer.Features.Folding;
using PolicyLang.LanguageServer.Features.Formatting;
using PolicyLang.LanguageServer.Features.Outline;
using PolicyLang.LanguageServer.Protocol;
using static PolicyLang.Tests.LanguageServer.LspClient;
using Range = PolicyLang.LanguageServer.Protocol.Range;

namespace PolicyLang.Tests.LanguageServer;

/// <summary>Lifecycle, document sync, diagnostics, outline, formatting and folding, in process.</summary>
public sealed class ServerBasicsTests
{
    private const string Header = "policy p {\n  title \"t\"\n  issuer \"i\"\n  effective 2021-09-01\n}\n";

    [Fact]
    public async Task Initialize_advertises_every_feature_and_incremental_sync()
    {
        await using var client = await StartAsync();
        var caps = client.Capabilities;
        Assert.Equal(TextDocumentSyncKind.Incremental, caps.GetProperty("textDocumentSync").GetProperty("change").GetInt32());
        foreach (var name in new[] { "documentSymbolProvider", "documentFormattingProvider", "foldingRangeProvider" })
            Assert.True(caps.GetProperty(name).GetBoolean(), name);
        // camelCase, and nulls left out rather than written.
        Assert.DoesNotContain("null", caps.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnostics_are_published_on_open_with_code_link_and_location()
    {
        await using var client = await StartAsync();
        var text = MarkedText.Parse(Header + "param office_close: time = 17:30 § \"一\"\nwindow {\n  end not before ⟦office_clos⟧ § \"一\"\n}\n");
        var uri = await client.OpenAsync("diag.policy", text.Text);
        var published = await client.DiagnosticsAsync(uri, 1);
        var d = Assert.Single(published.Diagnostics);
        Assert.Equal(text.RangeOf(text.Spans[0]), d.Range);
        Assert.Equal("PL0100", d.Code);
        Assert.Contains("office_close", d.Message, StringComparison.Ordinal);
        Assert.Contains("docs/diagnostics.md#", d.CodeDescription!.Href, StringComparison.Ordinal);
        Assert.Equal(DiagnosticSeverityKind.Error, d.Severity);
    }

    [Fact]
    public async Task Diagnostics_speak_the_clients_language()
    {
        await using var en = await StartAsync("en");
        await using var zh = await StartAsync("zh-cn");
        const string text = Header + "rule r § \"一\"\n  require plan.nonexistent\n";
        var english = (await en.DiagnosticsAsync(await en.OpenAsync("lang-en.policy", text), 1)).Diagnostics.Single();
        var chinese = (await zh.DiagnosticsAsync(await zh.OpenAsync("lang-zh.policy", text), 1)).Diagnostics.Single();
        Assert.Equal(english.Code, chinese.Code);
        Assert.Matches("[a-z]{3}", english.Message);
        Assert.Matches("\\p{IsCJKUnifiedIdeographs}", chinese.Message);
        Assert.NotEqual(english.Message, chinese.Message);
    }

    [Fact]
    public async Task Incremental_changes_are_applied_and_diagnostics_follow()
    {
        await using var client = await StartAsync();
        var text = Header + "param office_close: time = 17:30 § \"一\"\n";
        var uri = await client.OpenAsync("incremental.policy", text);
        Assert.Empty((await client.DiagnosticsAsync(uri, 1)).Diagnostics);
        // Break the value: replace "17:30" with "25:99" by range.
        var offset = text.IndexOf("17:30", StringComparison.Ordinal);
        var marked = MarkedText.Parse(text);
        var range = new Range(marked.PositionOf(offset), marked.PositionOf(offset + 5));
        var v2 = await client.ChangeAsync(uri, new TextDocumentContentChangeEvent("25:99", range));
        var broken = await client.DiagnosticsAsync(uri, v2);
        Assert.NotEmpty(broken.Diagnostics);
        // A full-text change fixes it again.
        var v3 = await client.ChangeAsync(uri, new TextDocumentContentChangeEvent(text));
        Assert.Empty((await client.DiagnosticsAsync(uri, v3)).Diagnostics);
    }

    [Fact]
    public async Task Closing_a_document_clears_its_diagnostics()
    {
        await using var client = await StartAsync();
        var uri = await client.OpenAsync("close.policy", Header + "param x: time = \"no\"\n");
        Assert.NotEmpty((await client.DiagnosticsAsync(uri, 1)).Diagnostics);
        await client.NotifyAsync("textDocument/didClose", new DidCloseTextDocumentParams(Doc(uri)));
        var cleared = await client.DiagnosticsAsync(uri);
        Assert.Empty(cleared.Diagnostics);
    }

    [Fact]
    public async Task Outline_lists_policy_sections_params_rules_scenarios_and_tests()
    {
        await using var client = await StartAsync();
        var text = File.ReadAllText(Repo.Path("examples", "liuzhou-2022.policy"));
        var uri = await client.OpenAsync("liuzhou-2022.policy", text);
        var symbols = await client.RequestAsync<DocumentSymbol[]>("textDocument/documentSymbol", new DocumentSymbolParams(Doc(uri)));
        var names = symbols.Select(s => s.Name).ToList();
        Assert.Equal("liuzhou_2022", names[0]);
        Assert.Contains("office_close", names);
        Assert.Contains("fee", names);
        Assert.Contains("no_new_lessons", names);
        Assert.Contains("urban_150", names);
        var fee = symbols.Single(s => s.Name == "fee");
        Assert.Contains(fee.Children!, c => c.Name == "cap");
        var rule = symbols.Single(s => s.Name == "no_new_lessons");
        Assert.Equal("§ 三（三）", rule.Detail);
        var scenario = symbols.Single(s => s.Name == "urban_150");
        Assert.Contains(scenario.Children!, c => c.Name == "fee.cap.urban");
        Assert.Contains(symbols, s => s.Kind == LspSymbolKind.Class); // a test block
        // Every selection range sits inside its range.
        foreach (var s in symbols)
            Assert.True(Compare(s.Range.Start, s.SelectionRange.Start) <= 0 && Compare(s.SelectionRange.End, s.Range.End) <= 0, s.Name);
    }

    private static int Compare(Position a, Position b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Character.CompareTo(b.Character);

    [Fact]
    public async Task Formatting_gives_what_policyc_fmt_gives()
    {
        await using var client = await StartAsync();
        var messy = Header + "param   office_close :time=17:30   §\"一\"\nwindow{\ndays mon..fri § \"一\"\n}\n";
        var uri = await client.OpenAsync("fmt.policy", messy);
        var edits = await client.RequestAsync<TextEdit[]>("textDocument/formatting", new DocumentFormattingParams(Doc(uri), new FormattingOptions(2, true)));
        var edit = Assert.Single(edits);
        var expected = PolicyLang.Syntax.Formatting.PolicyFormatter.Format(PolicyLang.Syntax.SyntaxTree.Parse(messy));
        Assert.Equal(expected, edit.NewText);
        Assert.Contains("param office_close: time = 17:30", edit.NewText, StringComparison.Ordinal);
        Assert.Equal(new Position(0, 0), edit.Range.Start);

        // Already formatted: no edits. Broken: no edits (the formatter never guesses).
        var clean = await client.OpenAsync("fmt-clean.policy", expected);
        Assert.Empty(await client.RequestAsync<TextEdit[]>("textDocument/formatting", new DocumentFormattingParams(Doc(clean))));
        var broken = await client.OpenAsync("fmt-broken.policy", Header + "param x: = \n}}");
        Assert.Empty(await client.RequestAsync<TextEdit[]>("textDocument/formatting", new DocumentFormattingParams(Doc(broken))));
    }

    [Fact]
    public async Task Folding_covers_blocks_and_comment_runs()
    {
        await using var client = await StartAsync();
        var text = "// one\n// two\n// three\n" + Header + "window {\n  days mon..fri § \"一\"\n  start at most 16:00 § \"一\"\n}\n";
        var uri = await client.OpenAsync("fold.policy", text);
        var ranges = await client.RequestAsync<FoldingRange[]>("textDocument/foldingRange", new FoldingRangeParams(Doc(uri)));
        Assert.Contains(ranges, r => r is { StartLine: 0, EndLine: 2, Kind: "comment" });
        Assert.Contains(ranges, r => r.StartLine == 3 && r.EndLine == 6); // policy { … } up to the line before '}'
        Assert.Contains(ranges, r => r.StartLine == 8 && r.EndLine == 10); // window { … }
    }
}
