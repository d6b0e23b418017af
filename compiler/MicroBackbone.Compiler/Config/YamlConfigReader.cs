using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MicroBackbone.Compiler.Config;

/// <summary>
/// Reads a YAML file into a config type strictly: snake_case keys, an unknown or mistyped key, a value of the wrong
/// type, a key given twice in one mapping or a missing file is a <see cref="ConfigException"/> naming the file, the
/// line and the key.
/// </summary>
public static class YamlConfigReader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithDuplicateKeyChecking()
        .WithNodeDeserializer(new DatasetSplitShorthand(), where => where.OnTop())
        .Build();

    private const string DuplicateKeyPrefix = "Encountered duplicate key ";

    private static readonly Regex KeyPattern = new(@"([A-Za-z_][A-Za-z0-9_]*)\s*:\s*$", RegexOptions.CultureInvariant);

    /// <summary>Reads and deserializes <paramref name="path"/>.</summary>
    public static T Read<T>(string path)
        where T : class
    {
        if (!File.Exists(path))
        {
            throw new ConfigException($"{path}: config file not found");
        }
        string text;
        try
        {
            text = IO.InputFile.ReadAllText(path, "config file");
        }
        catch (Ir.MicroBackboneException e) when (e is not ConfigException)
        {
            throw new ConfigException(e.Message, e);
        }
        return Parse<T>(text, path);
    }

    /// <summary>Deserializes YAML <paramref name="text"/>; <paramref name="source"/> names it in errors.</summary>
    public static T Parse<T>(string text, string source)
        where T : class
    {
        try
        {
            return Deserializer.Deserialize<T>(text)
                ?? throw new ConfigException($"{source}: the file is empty; expected a {typeof(T).Name} mapping");
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{source}:{e.Start.Line}:{e.Start.Column}: {Describe(e, text)}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException
            && e.TargetSite?.DeclaringType?.Namespace == "YamlDotNet.Core")
        {
            // YamlDotNet's parser throws these instead of a YamlException on some malformed documents (found by
            // fuzzing: the document end marker "..." followed by text; a global tag that is not a URI).
            throw new ConfigException($"{source}: not readable as YAML ({e.Message}); expected a {typeof(T).Name} mapping", e);
        }
    }

    private static string Describe(YamlException e, string text)
    {
        // YamlDotNet nests the useful text (e.g. a FormatException for "abc" as an int) inside a generic wrapper.
        Exception innermost = e;
        while (innermost.InnerException != null)
        {
            innermost = innermost.InnerException;
        }
        string message = e.Message;
        if (message.StartsWith(DuplicateKeyPrefix, StringComparison.Ordinal))
        {
            // YAML allows a key once per mapping; without this check the last value would silently win.
            string duplicate = message.Substring(DuplicateKeyPrefix.Length).Trim();
            return $"duplicate key '{duplicate}'; expected each key once in a mapping";
        }
        int notFound = message.IndexOf("not found on type", StringComparison.Ordinal);
        if (notFound >= 0 && message.Contains("Property '"))
        {
            int start = message.IndexOf("Property '", StringComparison.Ordinal) + "Property '".Length;
            string key = message.Substring(start, message.IndexOf('\'', start) - start);
            return $"unknown key '{key}'";
        }
        if (ReferenceEquals(innermost, e))
        {
            return message;
        }
        // A mistyped value: YamlDotNet points at the value but does not say which key it belongs to.
        string? valueKey = KeyBefore(text, e.Start.Line, e.Start.Column);
        return valueKey != null
            ? $"bad value for key '{valueKey}': {innermost.Message}"
            : $"{message.TrimEnd('.')}: {innermost.Message}";
    }

    // The key whose value starts at (line, column), 1-based: the last `name:` before it on that line, which covers
    // block (`key: value`) and flow (`{ a: 1, key: value }`) mappings.
    private static string? KeyBefore(string text, long line, long column)
    {
        string[] lines = text.Split('\n');
        if (line < 1 || line > lines.Length)
        {
            return null;
        }
        string row = lines[line - 1];
        string before = row.Substring(0, (int)Math.Clamp(column - 1, 0, row.Length));
        Match match = KeyPattern.Match(before);
        return match.Success ? match.Groups[1].Value : null;
    }

}
