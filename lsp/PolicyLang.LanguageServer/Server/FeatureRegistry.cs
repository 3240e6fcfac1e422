namespace PolicyLang.LanguageServer.Server;

/// <summary>The language features the server offers, each a JSON-RPC target in its folder under Features/.</summary>
public static class FeatureRegistry
{
    public static IEnumerable<object> Create(ServerContext context)
    {
        yield return new Features.Outline.DocumentSymbols(context);
        yield return new Features.Formatting.DocumentFormatting(context);
        yield return new Features.Folding.FoldingRanges(context);
        yield return new Features.Hover.HoverProvider(context);
        yield return new Features.Completion.CompletionProvider(context);
        yield return new Features.Definition.DefinitionProvider(context);
        yield return new Features.References.ReferenceFinder(context);
        yield return new Features.Rename.RenameProvider(context);
        yield return new Features.SemanticTokens.SemanticTokensProvider(context);
        yield return new Features.CodeActions.CodeActionProvider(context);
        yield return new Features.InlayHints.InlayHintProvider(context);
        yield return new Features.CodeLens.CodeLensProvider(context);
    }
}
