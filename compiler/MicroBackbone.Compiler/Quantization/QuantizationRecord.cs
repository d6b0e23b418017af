using System.Text.Json;
using System.Text.Json.Nodes;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Quantization;

/// <summary>The two ways <c>mbc quantize</c> quantizes.</summary>
public enum QuantizationType
{
    /// <summary>Weights and activations int8; activation ranges from calibration. Compiles to int8 C, C# and TFLite.</summary>
    Static,

    /// <summary>Weights int8; activations quantized on the fly from each input's own range. Evaluation only.</summary>
    Dynamic,
}

/// <summary>
/// What a quantized checkpoint stores in its metadata (<c>quantization</c>, a JSON string): the mode, how the ranges
/// were observed, and for static quantization the calibrated activation ranges, so that <c>compile</c>, <c>export</c>,
/// <c>run</c> and <c>test</c> rebuild the same int8 model without calibration data.
/// </summary>
/// <param name="Type">Static or dynamic.</param>
/// <param name="Observer">The observer the ranges came from (<c>minmax</c>, <c>percentile</c>), or empty for dynamic.</param>
/// <param name="Samples">Calibration images used (0 for dynamic).</param>
/// <param name="RangesJson">The calibrated activation ranges' JSON (static), or null.</param>
public sealed record QuantizationRecord(QuantizationType Type, string Observer, int Samples, string? RangesJson)
{
    /// <summary>Version of this record's layout; a newer one is refused rather than misread.</summary>
    public const int FormatVersion = 1;

    /// <summary>Compact, deterministic JSON.</summary>
    public string ToJson()
    {
        var node = new JsonObject
        {
            ["format_version"] = FormatVersion,
            ["type"] = Type == QuantizationType.Static ? "static" : "dynamic",
            ["observer"] = Observer,
            ["samples"] = Samples,
        };
        if (RangesJson != null)
        {
            node["ranges"] = JsonNode.Parse(RangesJson);
        }
        return node.ToJsonString();
    }

    /// <summary>Reads a record; <paramref name="source"/> (the checkpoint path) names the file in errors.</summary>
    public static QuantizationRecord Parse(string json, string source)
    {
        JsonObject node;
        try
        {
            node = JsonNode.Parse(json) as JsonObject
                ?? throw new QuantizationRecordException($"{source}: metadata 'quantization' is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new QuantizationRecordException($"{source}: metadata 'quantization' is not valid JSON ({e.Message})");
        }
        int version = Int(node, "format_version", source);
        if (version != FormatVersion)
        {
            throw new QuantizationRecordException(
                $"{source}: metadata 'quantization' has format_version {version}; this mbc reads version {FormatVersion}");
        }
        string type = Text(node, "type", source);
        QuantizationType kind = type switch
        {
            "static" => QuantizationType.Static,
            "dynamic" => QuantizationType.Dynamic,
            _ => throw new QuantizationRecordException($"{source}: metadata 'quantization.type' is '{type}'; expected static or dynamic"),
        };
        string? ranges = node["ranges"]?.ToJsonString();
        if (kind == QuantizationType.Static && ranges == null)
        {
            throw new QuantizationRecordException($"{source}: metadata 'quantization.ranges' is missing for a static quantization");
        }
        return new QuantizationRecord(kind, Text(node, "observer", source), Int(node, "samples", source), ranges);
    }

    private static int Int(JsonObject node, string key, string source) =>
        node[key] is JsonValue v && v.TryGetValue(out int value)
            ? value
            : throw new QuantizationRecordException($"{source}: metadata 'quantization.{key}' is missing or not an integer");

    private static string Text(JsonObject node, string key, string source) =>
        node[key] is JsonValue v && v.TryGetValue(out string? value)
            ? value
            : throw new QuantizationRecordException($"{source}: metadata 'quantization.{key}' is missing or not a string");
}
