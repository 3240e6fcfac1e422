using PolicyLang.Diagnostics;
using PolicyLang.Syntax;

namespace PolicyLang.Tests;

public static class TestHelpers
{
    /// <summary>Compiles a policy text (path is used to resolve relative files and for messages).</summary>
    public static Compilation Compile(string text, string path = "test.policy", IPolicyResolver? resolver = null) =>
        Compilation.Create(SyntaxTree.Parse(text, path), resolver);

    /// <summary>Diagnostics as 'line:col CODE' strings, for compact assertions.</summary>
    public static List<string> Codes(Compilation compilation) =>
        compilation.Diagnostics.Select(d => $"{d.Location.Start.Line + 1}:{d.Location.Start.Character + 1} {d.Code}").ToList();

    /// <summary>The text of all diagnostics, one a line, as policyc check prints them.</summary>
    public static string Render(IEnumerable<Diagnostic> diagnostics, Language language = Language.English) =>
        string.Join("\n", diagnostics.Select(d => d.ToString(language)));

    /// <summary>Runs policyc in process; returns exit code and captured output.</summary>
    public static (int Exit, string Stdout, string Stderr) Policyc(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var raw = new MemoryStream();
        var exit = PolicyLang.Cli.Program.Run(args, stdout, stderr, () => new NonClosingStream(raw));
        var rawText = System.Text.Encoding.UTF8.GetString(raw.ToArray());
        return (exit, stdout + rawText, stderr.ToString());
    }

    private sealed class NonClosingStream : Stream
    {
        private readonly Stream _inner;
        public NonClosingStream(Stream inner) => _inner = inner;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _inner.Length;
        public override long Position { get => _inner.Position; set => _inner.Position = value; }
        public override void Flush() => _inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);
    }
}
