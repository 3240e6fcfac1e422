using PolicyLang.LanguageServer.Server;

namespace PolicyLang.Cli.Commands;

/// <summary>
/// policyc lsp: the language server over standard input and output. Standard output carries the protocol and
/// nothing else, so everything that might write to the console is pointed at standard error first.
/// </summary>
public static class LspCommand
{
    public static int Run(TextWriter stderr, Func<Stream> rawStdout)
    {
        using var output = rawStdout();
        using var input = Console.OpenStandardInput();
        var log = TextWriter.Synchronized(stderr);
        Console.SetOut(log);
        return PolicyLanguageServer.RunAsync(input, output, log).GetAwaiter().GetResult();
    }
}
