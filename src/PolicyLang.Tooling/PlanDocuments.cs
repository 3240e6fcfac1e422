using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyLang.Syntax;

namespace PolicyLang.Tooling;

/// <summary>Reads plan files and inline plans, and lays a test's "with { … }" over a plan.</summary>
public static class PlanDocuments
{
    public sealed class LoadResult
    {
        internal LoadResult(SchoolPlan? plan, IReadOnlyList<string> errors)
        {
            Plan = plan;
            Errors = errors;
        }

        public SchoolPlan? Plan { get; }
        /// <summary>Located messages: "file: $.path: message".</summary>
        public IReadOnlyList<string> Errors { get; }
    }

    public static LoadResult LoadFile(string path, Language language = Language.English)
    {
        byte[] bytes;
        try
        {
            if (Directory.Exists(path)) return Failed($"{path}: {(language == Language.Chinese ? "这是文件夹而非计划文件" : "is a folder, not a plan file")}");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed($"{path}: {(language == Language.Chinese ? "无法读取" : "cannot read")}: {e.Message}");
        }
        var result = PlanReader.Read(bytes);
        return result.Success
            ? new LoadResult(result.Plan, Array.Empty<string>())
            : new LoadResult(null, result.Errors.Select(e => $"{path}: {e.ToString(language)}").ToList());
    }

    public static LoadResult FromJson(string json, string where, Language language = Language.English)
    {
        var result = PlanReader.Parse(json);
        return result.Success
            ? new LoadResult(result.Plan, Array.Empty<string>())
            : new LoadResult(null, result.Errors.Select(e => $"{where}: {e.ToString(language)}").ToList());
    }

    private static LoadResult Failed(string message) => new(null, new[] { message });

    /// <summary>An inline plan or overlay written in a policy, as JSON text.</summary>
    public static JsonNode? ToJson(JsonValueSyntax value) => value switch
    {
        JsonObjectSyntax o => new JsonObject(o.Members.Select(m => new KeyValuePair<string, JsonNode?>(m.KeyText, ToJson(m.Value)))),
        JsonArraySyntax a => new JsonArray(a.Elements.Select(ToJson).ToArray()),
        JsonLiteralSyntax l => l.Token.Kind switch
        {
            TokenKind.String => JsonValue.Create(SyntaxFacts.UnquoteString(l.Token.Text)),
            TokenKind.Number => JsonNode.Parse((l.Minus is null ? "" : "-") + l.Token.Text),
            TokenKind.True => JsonValue.Create(true),
            TokenKind.False => JsonValue.Create(false),
            _ => null,
        },
        _ => null,
    };

    /// <summary>Objects merge field by field; any other value (arrays included) replaces.</summary>
    public static JsonNode? Overlay(JsonNode? baseNode, JsonNode? overlay)
    {
        if (baseNode is JsonObject target && overlay is JsonObject patch)
        {
            var result = (JsonObject)target.DeepClone();
            foreach (var (key, value) in patch)
                result[key] = Overlay(result[key], value?.DeepClone());
            return result;
        }
        return overlay?.DeepClone();
    }

    public static string Serialize(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";
}
