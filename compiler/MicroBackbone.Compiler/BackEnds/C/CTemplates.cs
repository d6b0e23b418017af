using System.Reflection;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>
/// Renders the Scriban templates of <c>firmware-templates/</c>, embedded in this assembly so <c>mbc</c> needs no
/// files beside it. Templates reach each other (and the plain C kernel fragments) through <c>include</c>.
/// </summary>
internal sealed class CTemplates : ITemplateLoader
{
    private const string Prefix = "firmware-templates/";
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Texts = new(LoadAll);

    /// <summary>Renders the template at <paramref name="path"/> (relative to <c>firmware-templates/</c>) with <c>model</c> bound.</summary>
    public static string Render(string path, CModel model) => Render(path, "model", model);

    /// <summary>
    /// Renders the template at <paramref name="path"/> with <paramref name="value"/> bound as <paramref name="name"/>;
    /// every firmware template (C library, ESP-IDF project, TFLite Micro app) goes through here.
    /// </summary>
    public static string Render(string path, string name, object value)
    {
        var template = Template.Parse(Text(path), path);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"template {path}: {string.Join("; ", template.Messages)}");
        }

        var globals = new ScriptObject();
        globals[name] = value;
        var context = new TemplateContext
        {
            TemplateLoader = new CTemplates(),
            StrictVariables = true,
            LoopLimit = 0,
            // Weight arrays are long strings; Scriban would otherwise cut any string past 1 MiB with "...".
            LimitToString = 0,
            NewLine = "\n",
        };
        context.PushGlobal(globals);
        return template.Render(context).Replace("\r\n", "\n");
    }

    /// <summary>The raw text of an embedded template or fragment.</summary>
    public static string Text(string path) =>
        Texts.Value.TryGetValue(path, out var text) ? text : throw new InvalidOperationException($"template {Prefix}{path} is not embedded");

    /// <inheritdoc />
    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) => templateName;

    /// <inheritdoc />
    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => Text(templatePath);

    /// <inheritdoc />
    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) => new(Text(templatePath));

    private static IReadOnlyDictionary<string, string> LoadAll()
    {
        var assembly = typeof(CTemplates).Assembly;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var normalized = name.Replace('\\', '/');
            if (!normalized.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            texts[normalized.Substring(Prefix.Length)] = reader.ReadToEnd().Replace("\r\n", "\n");
        }

        return texts;
    }
}
