using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// A deterministic JSON rendering of a <see cref="TfliteModel"/> that uses the schema's field names and enum
/// spellings (close to what <c>flatc --json</c> prints for the same file), with buffer contents summarized by size
/// and SHA-256 instead of listed.
/// </summary>
public static class TfliteJsonDump
{
    /// <summary>Renders the model as indented JSON with '\n' line ends.</summary>
    public static string ToJson(TfliteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", model.Version);
            json.WriteString("description", model.Description);
            json.WriteStartArray("operator_codes");
            foreach (var code in model.OperatorCodes)
            {
                json.WriteStartObject();
                json.WriteString("builtin_code", TfliteDump.OperatorName(code.BuiltinCode));
                json.WriteNumber("version", code.Version);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("subgraphs");
            foreach (var subgraph in model.Subgraphs)
            {
                WriteSubgraph(json, subgraph);
            }

            json.WriteEndArray();
            json.WriteStartArray("buffers");
            foreach (var buffer in model.Buffers)
            {
                json.WriteStartObject();
                json.WriteNumber("size", buffer.Data.Count);
                if (!buffer.IsEmpty)
                {
                    json.WriteString("sha256", Convert.ToHexStringLower(SHA256.HashData(buffer.Data.AsSpan())));
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("metadata");
            foreach (var entry in model.Metadata)
            {
                json.WriteStartObject();
                json.WriteString("name", entry.Name);
                json.WriteNumber("buffer", entry.Buffer);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("signature_defs");
            foreach (var signature in model.Signatures)
            {
                json.WriteStartObject();
                json.WriteString("signature_key", signature.Key);
                json.WriteNumber("subgraph_index", signature.SubgraphIndex);
                TensorMaps(json, "inputs", signature.Inputs);
                TensorMaps(json, "outputs", signature.Outputs);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteSubgraph(Utf8JsonWriter json, TfliteSubgraph subgraph)
    {
        json.WriteStartObject();
        json.WriteString("name", subgraph.Name);
        Ints(json, "inputs", subgraph.Inputs);
        Ints(json, "outputs", subgraph.Outputs);
        json.WriteStartArray("tensors");
        foreach (var tensor in subgraph.Tensors)
        {
            json.WriteStartObject();
            json.WriteString("name", tensor.Name);
            json.WriteString("type", TfliteOptionFields.TensorType(tensor.Type));
            Ints(json, "shape", tensor.Shape);
            json.WriteNumber("buffer", tensor.Buffer);
            if (tensor.ShapeSignature is not null)
            {
                Ints(json, "shape_signature", tensor.ShapeSignature);
            }

            json.WriteBoolean("is_variable", tensor.IsVariable);
            json.WriteBoolean("has_rank", tensor.HasRank);
            if (tensor.Quantization is { } q)
            {
                json.WriteStartObject("quantization");
                Floats(json, "scale", q.Scale);
                json.WriteStartArray("zero_point");
                foreach (var z in q.ZeroPoint)
                {
                    json.WriteNumberValue(z);
                }

                json.WriteEndArray();
                json.WriteNumber("quantized_dimension", q.QuantizedDimension);
                Floats(json, "min", q.Min);
                Floats(json, "max", q.Max);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("operators");
        foreach (var op in subgraph.Operators)
        {
            WriteOperator(json, op);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteOperator(Utf8JsonWriter json, TfliteOperator op)
    {
        json.WriteStartObject();
        json.WriteNumber("opcode_index", op.OpcodeIndex);
        Ints(json, "inputs", op.Inputs);
        Ints(json, "outputs", op.Outputs);
        json.WriteString("builtin_options_type", op.Options?.TableName ?? "NONE");
        if (op.Options is not null)
        {
            json.WriteStartObject("builtin_options");
            foreach (var (name, value) in TfliteOptionFields.Of(op.Options))
            {
                json.WritePropertyName(name);
                switch (value)
                {
                    case null: json.WriteNullValue(); break;
                    case string text: json.WriteStringValue(text); break;
                    case TfliteOptionFields.FileText text: json.WriteStringValue(text.Value); break;
                    case bool flag: json.WriteBooleanValue(flag); break;
                    case int number: json.WriteNumberValue(number); break;
                    case float real: json.WriteNumberValue(real); break;
                    case int[] list: Ints(json, null, StructuralList.Create<int>(list)); break;
                    default: throw new InvalidOperationException($"Unexpected option value type {value.GetType().Name}.");
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void TensorMaps(Utf8JsonWriter json, string name, StructuralList<TfliteTensorMap> maps)
    {
        json.WriteStartArray(name);
        foreach (var map in maps)
        {
            json.WriteStartObject();
            json.WriteString("name", map.Name);
            json.WriteNumber("tensor_index", map.TensorIndex);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Ints(Utf8JsonWriter json, string? name, StructuralList<int> values)
    {
        if (name is null)
        {
            json.WriteStartArray();
        }
        else
        {
            json.WriteStartArray(name);
        }

        foreach (var value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }

    private static void Floats(Utf8JsonWriter json, string name, StructuralList<float> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }
}
