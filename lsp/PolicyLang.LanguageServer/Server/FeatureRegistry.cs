namespace PolicyLang.LanguageServer.Server;

/// <summary>The language features the server offers, each a JSON-RPC target in its folder under Features/.</summary>
public static class FeatureRegistry
{
    public static IEnumerable<object> Create(ServerContext context)
    {
        yield return new Features.Symbols.DocumentSymbols(context);
        yield return new Features.Formatting.DocumentFormatting(context);
        yield return new Features.Folding.FoldingRanges(context);
    }
}
