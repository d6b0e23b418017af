using System.Globalization;
using System.Text;
using System.Text.Json;
using MicroBackbone.Ir.Int8;

namespace MicroBackbone.Ir.Quantization;

/// <summary>
/// The calibrated range of every activation of a float graph, keyed by tensor id (with the name as a check). This is
/// what a quantized checkpoint stores: with it, quantization needs no calibration data.
/// </summary>
public sealed class ActivationRanges
{
    private readonly SortedDictionary<int, TensorRange> _ranges = new();

    /// <summary>Collects <paramref name="ranges"/>; ids must be unique.</summary>
    public ActivationRanges(IEnumerable<TensorRange> ranges)
    {
        foreach (TensorRange range in ranges)
        {
            _ranges.Add(range.TensorId, range);
        }
    }

    /// <summary>All ranges in tensor id order.</summary>
    public IEnumerable<TensorRange> All => _ranges.Values;

    /// <summary>The range of <paramref name="tensor"/>; a <see cref="QuantizationException"/> when it is missing or
    /// was recorded for a tensor of another name (ranges from a different model).</summary>
    public TensorRange For(IrTensor tensor)
    {
        if (!_ranges.TryGetValue(tensor.Id, out TensorRange? range))
        {
            throw new QuantizationException($"no calibrated range for activation {tensor.Describe()}; the ranges belong to another model");
        }
        if (range.TensorName != tensor.Name)
        {
            throw new QuantizationException(
                $"the calibrated range for tensor #{tensor.Id} is named '{range.TensorName}' but the model's is '{tensor.Name}'; the ranges belong to another model");
        }
        return range;
    }

    /// <summary>Deterministic compact JSON: <c>{"tensors":[{"id":..,"name":..,"min":..,"max":..},...]}</c>.</summary>
    public string ToJson()
    {
        var text = new StringBuilder("{\"tensors\":[");
        bool first = true;
        foreach (TensorRange r in _ranges.Values)
        {
            text.Append(first ? "" : ",");
            first = false;
            text.Append("{\"id\":").Append(r.TensorId.ToString(CultureInfo.InvariantCulture))
                .Append(",\"name\":").Append(JsonSerializer.Serialize(r.TensorName))
                .Append(",\"min\":").Append(r.Min.ToString("R", CultureInfo.InvariantCulture))
                .Append(",\"max\":").Append(r.Max.ToString("R", CultureInfo.InvariantCulture)).Append('}');
        }
        return text.Append("]}").ToString();
    }

    /// <summary>Reads <see cref="ToJson"/>'s format; errors name <paramref name="source"/> and the field.</summary>
    public static ActivationRanges Parse(string json, string source)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("tensors", out JsonElement tensors) || tensors.ValueKind != JsonValueKind.Array)
            {
                throw new QuantizationException($"{source}: expected an object with a 'tensors' array");
            }
            var ranges = new List<TensorRange>();
            int index = 0;
            foreach (JsonElement t in tensors.EnumerateArray())
            {
                string at = $"{source}: tensors[{index++}]";
                int id = Get(t, "id", at, JsonValueKind.Number).GetInt32();
                string name = Get(t, "name", at, JsonValueKind.String).GetString()!;
                float min = Get(t, "min", at, JsonValueKind.Number).GetSingle();
                float max = Get(t, "max", at, JsonValueKind.Number).GetSingle();
                if (!(min <= 0 && max >= 0) || float.IsInfinity(min) || float.IsInfinity(max))
                {
                    throw new QuantizationException($"{at}: range [{min}, {max}] must be finite and contain 0");
                }
                ranges.Add(new TensorRange(id, name, min, max));
            }
            if (ranges.Select(r => r.TensorId).Distinct().Count() != ranges.Count)
            {
                throw new QuantizationException($"{source}: a tensor id appears twice in 'tensors'");
            }
            return new ActivationRanges(ranges);
        }
        catch (JsonException e)
        {
            throw new QuantizationException($"{source}: not valid JSON ({e.Message})");
        }
        catch (FormatException e)
        {
            throw new QuantizationException($"{source}: a number does not fit ({e.Message})");
        }
    }

    private static JsonElement Get(JsonElement e, string name, string at, JsonValueKind kind) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == kind
            ? v
            : throw new QuantizationException($"{at}.{name}: missing or not a {(kind == JsonValueKind.String ? "string" : "number")}");
}
