using System.Text.Json;
using PolicyLang.LanguageServer.Features.Definition;
using PolicyLang.LanguageServer.Features.Hover;
using PolicyLang.LanguageServer.Features.References;
using PolicyLang.LanguageServer.Features.Rename;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Server;
using StreamJsonRpc;
using static PolicyLang.Tests.LanguageServer.LspClient;

namespace PolicyLang.Tests.LanguageServer;

/// <summary>Hover, go to definition, find references and rename: the cursor ‸ and the expected spans ⟦…⟧ are marked in the text.</summary>
public sealed class NavigationTests
{
    private const string Header = "policy p {\n  title \"课后服务办法\"\n  issuer \"i\"\n  effective 2021-09-01\n}\n";

    private static async Task<(LspClient Client, string Uri, MarkedText Text)> Open(string marked, string? locale = null, string name = "nav.policy")
    {
        var text = MarkedText.Parse(marked);
        var client = await StartAsync(locale);
        var uri = await client.OpenAsync(name, text.Text);
        return (client, uri, text);
    }

    private static Task<Hover?> HoverAt(LspClient client, string uri, Position position) =>
        client.RequestAsync<Hover?>("textDocument/hover", new HoverParams(Doc(uri), position));

    [Fact]
    public async Task Hover_on_a_parameter_shows_type_value_conversions_and_clause()
    {
        var (client, uri, text) = await Open(Header + "param city_cap: money per student per month = 120 元/生/月 § \"四（三）\"\nrule r § \"一\"\n  require 1 > 0\nmeasure m = ⟦ci‸ty_cap⟧\n");
        await using var _ = client;
        var hover = await HoverAt(client, uri, text.CursorPosition);
        Assert.NotNull(hover);
        Assert.Equal(text.RangeOf(text.Spans[0]), hover!.Range);
        var md = hover.Contents.Value;
        Assert.Contains("city_cap", md, StringComparison.Ordinal);
        Assert.Contains("120 CNY per student per month", md, StringComparison.Ordinal);
        Assert.True(md.Contains("600 CNY per student per semester", StringComparison.Ordinal), md); // 10 school months, 2 semesters
        Assert.Contains("1200 CNY per student per year", md.Replace(",", "").Replace(" 200", "200"), StringComparison.Ordinal);
        Assert.Contains("§ 四（三）", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hover_speaks_Chinese_to_a_Chinese_client()
    {
        var (client, uri, text) = await Open(Header + "param city_cap: money per student per month = 120 元/生/月 § \"四（三）\"\nmeasure m = ci‸ty_cap\n", "zh-CN");
        await using var _ = client;
        var md = (await HoverAt(client, uri, text.CursorPosition))!.Contents.Value;
        Assert.Contains("参数", md, StringComparison.Ordinal);
        Assert.Contains("依据条款", md, StringComparison.Ordinal);
        Assert.Contains("每生每学期", md, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Fees: caps")]
    [InlineData("zh", "收费：每生")]
    public async Task Hover_on_a_keyword_gives_its_meaning_and_both_spellings(string locale, string meaning)
    {
        var (client, uri, text) = await Open(Header + "f‸ee {\n  cap 120 元/生/月 § \"一\"\n}\n", locale);
        await using var _ = client;
        var md = (await HoverAt(client, uri, text.CursorPosition))!.Contents.Value;
        Assert.Contains(meaning, md, StringComparison.Ordinal);
        Assert.Contains("`fee`", md, StringComparison.Ordinal);
        Assert.Contains("`收费`", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hover_on_a_rule_in_a_test_shows_its_clause()
    {
        var (client, uri, text) = await Open(Header +
            "rule insured \"参与人员应购买保险\" § \"四（四）\"\n  require plan.insurance.staff_accident\n" +
            "test \"t\" {\n  given plan { }\n  expect violation ins‸ured\n}\n");
        await using var _ = client;
        var md = (await HoverAt(client, uri, text.CursorPosition))!.Contents.Value;
        Assert.Contains("参与人员应购买保险", md, StringComparison.Ordinal);
        Assert.Contains("§ 四（四）", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hover_on_a_plan_field_shows_its_type_and_json_path()
    {
        var (client, uri, text) = await Open(Header + "rule r § \"一\"\n  require plan.insurance.staff_acc‸ident\n");
        await using var _ = client;
        var md = (await HoverAt(client, uri, text.CursorPosition))!.Contents.Value;
        Assert.Contains("$.insurance.staff_accident", md, StringComparison.Ordinal);
        Assert.Contains("bool", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Definition_and_references_of_a_parameter()
    {
        var (client, uri, text) = await Open(Header +
            "param ⟦office_close⟧: time = 17:30 § \"三（二）\"\nwindow {\n  end not before ⟦office_close⟧ § \"三（二）\"\n}\nscenario later {\n  set ⟦office_cl‸ose⟧ = 18:00\n}\n");
        await using var _ = client;
        var definition = await client.RequestAsync<Location[]>("textDocument/definition", new DefinitionParams(Doc(uri), text.CursorPosition));
        Assert.Equal(text.RangeOf(text.Spans[0]), Assert.Single(definition).Range);
        var references = await client.RequestAsync<Location[]>("textDocument/references", new ReferenceParams(Doc(uri), text.CursorPosition, new ReferenceContext(true)));
        Assert.Equal(text.Spans.Select(text.RangeOf).OrderBy(r => r.Start.Line), references.Where(r => r.Uri == uri).Select(r => r.Range).OrderBy(r => r.Start.Line));
        var withoutDeclaration = await client.RequestAsync<Location[]>("textDocument/references", new ReferenceParams(Doc(uri), text.CursorPosition, new ReferenceContext(false)));
        Assert.Equal(2, withoutDeclaration.Length);
    }

    [Fact]
    public async Task Definition_of_a_rule_from_a_tests_expect()
    {
        var (client, uri, text) = await Open(Header +
            "rule ⟦insured⟧ § \"四（四）\"\n  require plan.insurance.staff_accident\ntest \"t\" {\n  given plan { }\n  expect violation insu‸red\n}\n");
        await using var _ = client;
        var definition = await client.RequestAsync<Location[]>("textDocument/definition", new DefinitionParams(Doc(uri), text.CursorPosition));
        Assert.Equal(text.RangeOf(text.Spans[0]), Assert.Single(definition).Range);
    }

    [Fact]
    public async Task Extends_goes_to_the_parent_policy_in_another_file_and_rename_reaches_it()
    {
        // The bundled examples as the workspace; rename only answers with edits, it writes nothing.
        var dir = Repo.Path("examples");
        await using var client = await StartAsync(workspaceFolder: dir);
        var childPath = Path.Combine(dir, "practices", "nanjing-2021.policy");
        var childText = File.ReadAllText(childPath);
        var child = await client.OpenAsync(Uris.FromPath(childPath), childText);
        Assert.DoesNotContain((await client.DiagnosticsAsync(child, 1)).Diagnostics, d => d.Severity == DiagnosticSeverityKind.Error);
        var offset = childText.IndexOf("jiangsu_2020", StringComparison.Ordinal) + 3;
        var position = MarkedText.Parse(childText).PositionOf(offset);
        var definition = Assert.Single(await client.RequestAsync<Location[]>("textDocument/definition", new DefinitionParams(Doc(child), position)));
        Assert.EndsWith("practices/jiangsu-2020.policy", definition.Uri, StringComparison.Ordinal);
        Assert.Equal(definition.Range.Start.Line, File.ReadAllLines(Path.Combine(dir, "practices", "jiangsu-2020.policy")).ToList().FindIndex(l => l.Contains("policy jiangsu_2020", StringComparison.Ordinal)));

        var edit = await client.RequestAsync<WorkspaceEdit>("textDocument/rename", new RenameParams(Doc(child), position, "jiangsu_2021"));
        Assert.Equal(2, edit.Changes!.Count); // the parent's declaration and the child's extends
        Assert.All(edit.Changes.Values.SelectMany(e => e), e => Assert.Equal("jiangsu_2021", e.NewText));
    }

    [Fact]
    public async Task Rename_a_rule_updates_the_tests_that_expect_it()
    {
        var (client, uri, text) = await Open(Header +
            "rule ⟦ins‸ured⟧ § \"四（四）\"\n  require plan.insurance.staff_accident\ntest \"t\" {\n  given plan { }\n  expect violation ⟦insured⟧\n}\n");
        await using var _ = client;
        var prepare = await client.RequestAsync<PrepareRenameResult>("textDocument/prepareRename", new PrepareRenameParams(Doc(uri), text.CursorPosition));
        Assert.Equal("insured", prepare.Placeholder);
        var edit = await client.RequestAsync<WorkspaceEdit>("textDocument/rename", new RenameParams(Doc(uri), text.CursorPosition, "staff_insured"));
        var edits = edit.Changes![uri];
        Assert.Equal(text.Spans.Select(text.RangeOf), edits.Select(e => e.Range).OrderBy(r => r.Start.Line));
    }

    [Theory]
    [InlineData("fee")] // a keyword
    [InlineData("2bad")]
    [InlineData("other")] // already declared
    public async Task Rename_refuses_bad_names(string newName)
    {
        var (client, uri, text) = await Open(Header + "param o‸ne: time = 17:30 § \"一\"\nparam other: time = 18:00 § \"一\"\n");
        await using var _ = client;
        var e = await Assert.ThrowsAsync<RemoteInvocationException>(() =>
            client.RequestAsync<WorkspaceEdit>("textDocument/rename", new RenameParams(Doc(uri), text.CursorPosition, newName)));
        Assert.Equal(RenameProvider.RequestFailed, e.ErrorCode);
    }

    [Fact]
    public async Task Builtins_cannot_be_renamed()
    {
        var (client, uri, text) = await Open(Header + "rule r § \"一\"\n  require plan.insurance.staff_acc‸ident\n");
        await using var _ = client;
        await Assert.ThrowsAsync<RemoteInvocationException>(() =>
            client.RequestAsync<PrepareRenameResult>("textDocument/prepareRename", new PrepareRenameParams(Doc(uri), text.CursorPosition)));
    }
}
