using System.Text;
using PolicyLang.Diagnostics;

namespace PolicyLang.Text;

public enum SourceReadStatus
{
    Ok,
    /// <summary>Missing, a folder, or not readable: a usage/IO error (exit 2).</summary>
    Unreadable,
    /// <summary>Read, but not policy text (binary, not UTF-8, too large): a diagnostic (exit 1).</summary>
    InvalidContent,
}

/// <summary>Reads a policy file as UTF-8, turning every way a file can be wrong into a located diagnostic.</summary>
public static class SourceFile
{
    public const long MaxBytes = 64L * 1024 * 1024;
    private static readonly UTF8Encoding s_strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryRead(string path, out SourceText? text, out Diagnostic? diagnostic) =>
        Read(path, out text, out diagnostic) == SourceReadStatus.Ok;

    public static SourceReadStatus Read(string path, out SourceText? text, out Diagnostic? diagnostic)
    {
        text = null;
        diagnostic = null;
        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
                return Unreadable(path, "it is a folder, not a file", "这是文件夹而非文件", out diagnostic);
            var info = new FileInfo(path);
            if (!info.Exists)
                return Unreadable(path, "no such file", "文件不存在", out diagnostic);
            if (info.Length > MaxBytes)
            {
                diagnostic = new Diagnostic(DiagnosticDescriptors.FileTooLarge, new Location(SourceText.From(string.Empty, path), new TextSpan(0, 0)),
                    new object?[] { info.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), MaxBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) });
                return SourceReadStatus.InvalidContent;
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (UnauthorizedAccessException)
        {
            return Unreadable(path, "permission denied", "没有读取权限", out diagnostic);
        }
        catch (IOException e)
        {
            return Unreadable(path, e.Message, e.Message, out diagnostic);
        }
        return Decode(bytes, path, out text, out diagnostic);
    }

    /// <summary>Decodes bytes that claim to be a policy (used by the editor for unsaved buffers too).</summary>
    public static SourceReadStatus Decode(byte[] bytes, string path, out SourceText? text, out Diagnostic? diagnostic)
    {
        text = null;
        diagnostic = null;
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            diagnostic = new Diagnostic(DiagnosticDescriptors.BinaryFile, LocationOfByte(bytes, nul, path), Array.Empty<object?>());
            return SourceReadStatus.InvalidContent;
        }
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            text = SourceText.From(s_strict.GetString(bytes, start, bytes.Length - start), path);
            return SourceReadStatus.Ok;
        }
        catch (DecoderFallbackException e)
        {
            var index = Math.Max(0, Math.Min(bytes.Length - 1, start + Math.Max(0, e.Index)));
            var bad = e.BytesUnknown is { Length: > 0 } unknown ? unknown[0] : bytes[index];
            diagnostic = new Diagnostic(DiagnosticDescriptors.NotUtf8, LocationOfByte(bytes, index, path), new object?[] { bad.ToString("X2") });
            return SourceReadStatus.InvalidContent;
        }
    }

    private static Location LocationOfByte(byte[] bytes, int index, string path)
    {
        // Line and column of the byte: decode what precedes it leniently.
        var prefix = Encoding.UTF8.GetString(bytes, 0, Math.Min(index, bytes.Length));
        var text = SourceText.From(prefix + " ", path);
        return new Location(text, new TextSpan(prefix.Length, 1));
    }

    private static SourceReadStatus Unreadable(string path, string reason, string reasonZh, out Diagnostic? diagnostic)
    {
        diagnostic = new Diagnostic(DiagnosticDescriptors.CannotReadFile, new Location(SourceText.From(string.Empty, path), new TextSpan(0, 0)),
            new object?[] { path, new LocalizedText(reason, reasonZh) });
        return SourceReadStatus.Unreadable;
    }
}
