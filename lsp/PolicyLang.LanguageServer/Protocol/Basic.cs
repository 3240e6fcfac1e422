using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyLang.LanguageServer.Protocol;

// The Language Server Protocol 3.17 types this server uses, written by hand: records whose JSON is camelCase and
// leaves out nulls (see LspJson). Feature folders add the records of their own requests.

/// <summary>The JSON conventions of the protocol: camelCase names, nulls left out, enums as numbers.</summary>
public static class LspJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        };
        return options;
    }
}

/// <summary>Zero-based line and UTF-16 character.</summary>
public sealed record Position(int Line, int Character);

public sealed record Range(Position Start, Position End);

public sealed record Location(string Uri, Range Range);

public sealed record TextDocumentIdentifier(string Uri);

public sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

public record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

public sealed record TextEdit(Range Range, string NewText);

public sealed record MarkupContent(string Kind, string Value)
{
    public static MarkupContent Markdown(string value) => new("markdown", value);
}

/// <summary>Edits to several documents (rename, code actions).</summary>
public sealed record WorkspaceEdit(Dictionary<string, TextEdit[]>? Changes = null);

public sealed record Command(string Title, [property: JsonPropertyName("command")] string Name, object?[]? Arguments = null);

// ---------------------------------------------------------------------- lifecycle

public sealed record ClientInfo(string Name, string? Version = null);

public sealed record WorkspaceFolder(string Uri, string Name);

public sealed record InitializeParams
{
    public int? ProcessId { get; init; }
    public ClientInfo? ClientInfo { get; init; }
    /// <summary>The client's display language, e.g. zh-cn (LSP 3.16).</summary>
    public string? Locale { get; init; }
    public string? RootUri { get; init; }
    public JsonElement? InitializationOptions { get; init; }
    public JsonElement? Capabilities { get; init; }
    public WorkspaceFolder[]? WorkspaceFolders { get; init; }
}

public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

public sealed record ServerInfo(string Name, string? Version = null);

public sealed record TextDocumentSyncOptions(bool OpenClose, int Change, SaveOptions? Save = null);

public sealed record SaveOptions(bool IncludeText);

public static class TextDocumentSyncKind
{
    public const int None = 0;
    public const int Full = 1;
    public const int Incremental = 2;
}

/// <summary>What the server can do; features fill in their part (see LanguageServer.Capabilities).</summary>
public sealed record ServerCapabilities
{
    public TextDocumentSyncOptions? TextDocumentSync { get; init; }
    public bool? HoverProvider { get; init; }
    public CompletionOptions? CompletionProvider { get; init; }
    public bool? DefinitionProvider { get; init; }
    public bool? ReferencesProvider { get; init; }
    public RenameOptions? RenameProvider { get; init; }
    public bool? DocumentSymbolProvider { get; init; }
    public bool? DocumentFormattingProvider { get; init; }
    public SemanticTokensOptions? SemanticTokensProvider { get; init; }
    public bool? FoldingRangeProvider { get; init; }
    public CodeActionOptions? CodeActionProvider { get; init; }
    public bool? InlayHintProvider { get; init; }
    public CodeLensOptions? CodeLensProvider { get; init; }
    public WorkspaceCapabilities? Workspace { get; init; }
}

public sealed record CompletionOptions(string[]? TriggerCharacters = null, bool? ResolveProvider = null);

public sealed record RenameOptions(bool PrepareProvider);

public sealed record SemanticTokensLegend(string[] TokenTypes, string[] TokenModifiers);

public sealed record SemanticTokensOptions(SemanticTokensLegend Legend, bool Full, bool? Range = null);

public sealed record CodeActionOptions(string[]? CodeActionKinds = null);

public sealed record CodeLensOptions(bool ResolveProvider);

public sealed record WorkspaceCapabilities(WorkspaceFoldersServerCapabilities? WorkspaceFolders = null);

public sealed record WorkspaceFoldersServerCapabilities(bool Supported, bool ChangeNotifications);

// ---------------------------------------------------------------------- documents

public sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

/// <summary>A change: the whole text (no range), or a range replaced.</summary>
public sealed record TextDocumentContentChangeEvent(string Text, Range? Range = null, int? RangeLength = null);

public sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, TextDocumentContentChangeEvent[] ContentChanges);

public sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

public sealed record DidSaveTextDocumentParams(TextDocumentIdentifier TextDocument, string? Text = null);

public sealed record FileEvent(string Uri, int Type);

public static class FileChangeType
{
    public const int Created = 1;
    public const int Changed = 2;
    public const int Deleted = 3;
}

public sealed record DidChangeWatchedFilesParams(FileEvent[] Changes);

public sealed record WorkspaceFoldersChangeEvent(WorkspaceFolder[] Added, WorkspaceFolder[] Removed);

public sealed record DidChangeWorkspaceFoldersParams(WorkspaceFoldersChangeEvent Event);

// ---------------------------------------------------------------------- diagnostics

public static class DiagnosticSeverityKind
{
    public const int Error = 1;
    public const int Warning = 2;
    public const int Information = 3;
    public const int Hint = 4;
}

public sealed record CodeDescription(string Href);

public sealed record Diagnostic
{
    public required Range Range { get; init; }
    public int? Severity { get; init; }
    public string? Code { get; init; }
    public CodeDescription? CodeDescription { get; init; }
    public string? Source { get; init; }
    public required string Message { get; init; }
    /// <summary>What a quick fix needs: the diagnostic's arguments (the unknown name, the suggestion, …).</summary>
    public JsonElement? Data { get; init; }
}

public sealed record PublishDiagnosticsParams(string Uri, int? Version, Diagnostic[] Diagnostics);

// ---------------------------------------------------------------------- window

public sealed record LogMessageParams(int Type, string Message);
