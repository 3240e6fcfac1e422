using PolicyLang.LanguageServer.Features.CodeActions;
using PolicyLang.LanguageServer.Features.CodeLens;
using PolicyLang.LanguageServer.Features.InlayHints;
using PolicyLang.LanguageServer.Features.SemanticTokens;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Server;
using static PolicyLang.Tests.LanguageServer.LspClient;
using Range = PolicyLang.LanguageServer.Protocol.Range;

namespace PolicyLang.Tests.LanguageServer;

/// <summary>Semantic tokens, quick fixes, inlay hints and code lens.</summary>
public sealed class EditingFeatureTests
{
    private const string Header = "policy p {\n  title \"t\"\n  issuer \"i\"\n  effective 2021-09-01\n}\n";

    private static Range Whole(MarkedText text) => new(new Position(0, 0), text.PositionOf(text.Text.Length));

    [Fact]
    public async Task Semantic_tokens_tell_parameters_from_fields_and_mark_declarations()
    {
        var text = MarkedText.Parse(Header + "param office_close: time = 17:30 § \"一\"\nrule r § \"一\"\n  require plan.service.end >= office_close\n");
        await using var client = await StartAsync();
        var uri = await client.OpenAsync("tokens.policy", text.Text);
        var data = (await client.RequestAsync<SemanticTokensResult>("textDocument/semanticTokens/full", new SemanticTokensParams(Doc(uri)))).Data;
        Assert.Equal(0, data.Length % 5);
        // Decode into (line, character, length, type, modifiers).
        var tokens = new List<(int Line, int Char, int Length, string Type, int Mods)>();
        int line = 0, character = 0;
        for (var i = 0; i < data.Length; i += 5)
        {
            line += data[i];
            character = data[i] == 0 ? character + data[i + 1] : data[i + 1];
            tokens.Add((line, character, data[i + 2], SemanticTokensProvider.TokenTypes[data[i + 3]], data[i + 4]));
        }
        string TypeAt(string word, int nth = 0)
        {
            var offset = -1;
            for (var k = 0; k <= nth; k++) offset = text.Text.IndexOf(word, offset + 1, StringComparison.Ordinal);
            var p = text.PositionOf(offset);
            var t = tokens.Single(t => t.Line == p.Line && t.Char == p.Character);
            Assert.Equal(word.Length, t.Length);
            return t.Type + ((t.Mods & 1) != 0 ? "+declaration" : string.Empty);
        }
        Assert.Equal("parameter+declaration", TypeAt("office_close"));
        Assert.Equal("parameter", TypeAt("office_close", 1));
        Assert.Equal("property", TypeAt("service"));
        Assert.Equal("keyword", TypeAt("require"));
        Assert.Equal("number", TypeAt("17:30"));
        Assert.Equal("string", TypeAt("\"一\""));
        var ruleName = text.PositionOf(text.Text.IndexOf("rule r ", StringComparison.Ordinal) + 5);
        Assert.Contains(tokens, t => t.Line == ruleName.Line && t.Char == ruleName.Character && t.Type == "method" && (t.Mods & 1) != 0);
    }

    [Fact]
    public async Task Quick_fix_did_you_mean_for_an_unknown_name()
    {
        var text = MarkedText.Parse(Header + "param office_close: time = 17:30 § \"一\"\nwindow {\n  end not before ⟦office_clos⟧ § \"一\"\n}\n");
        await using var client = await StartAsync();
        var uri = await client.OpenAsync("fix-name.policy", text.Text);
        var actions = await client.RequestAsync<CodeAction[]>("textDocument/codeAction", new CodeActionParams(Doc(uri), text.RangeOf(text.Spans[0])));
        var fix = Assert.Single(actions);
        Assert.Equal("quickfix", fix.Kind);
        var edit = Assert.Single(fix.Edit!.Changes![uri]);
        Assert.Equal("office_close", edit.NewText);
        Assert.Equal(text.RangeOf(text.Spans[0]), edit.Range);
        Assert.Equal("PL0100", Assert.Single(fix.Diagnostics!).Code);
    }

    [Fact]
    public async Task Quick_fix_did_you_mean_for_an_enum_member_in_Chinese()
    {
        var text = MarkedText.Parse(Header + "rule r § \"一\"\n  forbid any a in plan.activities where a.kind == ⟦comercial⟧\n");
        await using var client = await StartAsync("zh");
        var uri = await client.OpenAsync("fix-enum.policy", text.Text);
        var fix = Assert.Single(await client.RequestAsync<CodeAction[]>("textDocument/codeAction", new CodeActionParams(Doc(uri), text.RangeOf(text.Spans[0]))));
        Assert.Equal("改为“commercial”", fix.Title);
    }

    [Fact]
    public async Task Quick_fix_converts_a_rate_of_the_wrong_period_and_the_result_binds()
    {
        var text = MarkedText.Parse(Header + "param fee_cap: CNY per student per month = ⟦500 CNY per student per semester⟧ § \"七\"\n");
        await using var client = await StartAsync();
        var uri = await client.OpenAsync("fix-unit.policy", text.Text);
        var actions = await client.RequestAsync<CodeAction[]>("textDocument/codeAction", new CodeActionParams(Doc(uri), text.RangeOf(text.Spans[0])));
        var fix = Assert.Single(actions, a => a.Title.Contains("calendar", StringComparison.Ordinal));
        var edit = Assert.Single(fix.Edit!.Changes![uri]);
        Assert.Equal("500 CNY per student per semester as CNY per student per month", edit.NewText);
        var fixedText = text.Text.Replace("500 CNY per student per semester", edit.NewText, StringComparison.Ordinal);
        Assert.DoesNotContain(TestHelpers.Compile(fixedText).Diagnostics, d => d.IsError);
    }

    [Fact]
    public async Task Quick_fix_adds_a_citation_cited_nearby()
    {
        var text = MarkedText.Parse(Header + "window {\n  days mon..fri § \"三（二）\"\n  ⟦end⟧ at most 18:00\n}\n");
        await using var client = await StartAsync();
        var uri = await client.OpenAsync("fix-cite.policy", text.Text);
        var actions = await client.RequestAsync<CodeAction[]>("textDocument/codeAction", new CodeActionParams(Doc(uri), text.RangeOf(text.Spans[0])));
        var fix = Assert.Single(actions, a => a.Title.Contains("citation", StringComparison.Ordinal));
        var edit = Assert.Single(fix.Edit!.Changes![uri]);
        Assert.Equal(" § \"三（二）\"", edit.NewText);
        var offset = text.Text.IndexOf("18:00", StringComparison.Ordinal) + 5;
        Assert.Equal(text.PositionOf(offset), edit.Range.Start);
        var fixedText = text.Text.Insert(offset, edit.NewText);
        Assert.Empty(TestHelpers.Compile(fixedText).Diagnostics);
    }

    [Fact]
    public async Task Inlay_hints_convert_rates_through_the_calendar()
    {
        var text = MarkedText.Parse(Header + "param city_cap: money per student per month = 120 元/生/月 § \"四（三）\"\nparam teacher_pay: money per period = 60 元/课时 § \"五\"\n");
        await using var client = await StartAsync();
        var uri = await client.OpenAsync("hints.policy", text.Text);
        var hints = await client.RequestAsync<InlayHint[]>("textDocument/inlayHint", new InlayHintParams(Doc(uri), Whole(text)));
        Assert.Equal(2, hints.Length);
        Assert.Equal("≈ 600 CNY per student per semester", hints[0].Label); // 120 × 10 school months / 2 semesters
        Assert.Equal(text.PositionOf(text.Text.IndexOf("元/生/月", StringComparison.Ordinal) + 5), hints[0].Position);
        Assert.Equal("≈ 120 CNY per day", hints[1].Label); // 2 periods a day
        await using var zh = await StartAsync("zh");
        var zhUri = await zh.OpenAsync("hints-zh.policy", text.Text);
        var zhHints = await zh.RequestAsync<InlayHint[]>("textDocument/inlayHint", new InlayHintParams(Doc(zhUri), Whole(text)));
        Assert.Contains("每生每学期", zhHints[0].Label, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_lens_shows_test_results_and_scenario_effects_on_the_bundled_data()
    {
        var path = Repo.Path("examples", "liuzhou-2022.policy");
        await using var client = await StartAsync();
        var uri = await client.OpenAsync(Uris.FromPath(path), File.ReadAllText(path));
        var lenses = await client.RequestAsync<CodeLens[]>("textDocument/codeLens", new CodeLensParams(Doc(uri)));
        var lines = File.ReadAllLines(path);
        var testLines = lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith("test ", StringComparison.Ordinal)).Select(x => x.i).ToList();
        var scenarioLines = lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith("scenario ", StringComparison.Ordinal)).Select(x => x.i).ToList();
        Assert.NotEmpty(testLines);
        Assert.NotEmpty(scenarioLines);
        foreach (var line in testLines)
            Assert.StartsWith("✓ passes", Assert.Single(lenses, l => l.Range.Start.Line == line).Command!.Title, StringComparison.Ordinal);
        foreach (var line in scenarioLines)
            Assert.Matches(@"^data/liuzhou: family payments [+−][\d,]+", Assert.Single(lenses, l => l.Range.Start.Line == line).Command!.Title);
        // urban_150 raises urban fees: families pay more.
        var urban = lenses.Single(l => l.Range.Start.Line == lines.ToList().FindIndex(x => x.StartsWith("scenario urban_150", StringComparison.Ordinal)));
        Assert.Contains("family payments +", urban.Command!.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_lens_reports_a_failing_test()
    {
        var text = Header + "rule insured § \"一\"\n  require plan.insurance.staff_accident\n" +
            "test \"insured plan\" {\n  given plan \"" + Repo.Path("examples", "plans", "liuzhou-compliant.json").Replace("\\", "/") + "\" with { \"insurance\": { \"staff_accident\": false, \"school_liability\": true } }\n  expect compliant\n}\n";
        await using var client = await StartAsync();
        var uri = await client.OpenAsync("lens-fail.policy", text);
        var lens = Assert.Single(await client.RequestAsync<CodeLens[]>("textDocument/codeLens", new CodeLensParams(Doc(uri))));
        Assert.Equal("✗ fails: expected compliant, got violation insured", lens.Command!.Title);
    }
}
