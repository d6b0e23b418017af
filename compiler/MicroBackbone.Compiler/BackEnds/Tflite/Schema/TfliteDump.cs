using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// A deterministic, human-readable text rendering of a <see cref="TfliteModel"/> for reviews and snapshot tests:
/// fixed order, invariant culture, floats in round-trip form, buffer contents summarized by size, SHA-256 and
/// leading bytes.
/// </summary>
public static class TfliteDump
{
    private const int PreviewBytes = 16;

    /// <summary>Renders the whole model; lines end with '\n' on every platform.</summary>
    public static string ToText(TfliteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var text = new StringBuilder();
        Line(text, 0, $"model version={model.Version} description={Quote(model.Description)}");
        Line(text, 0, $"operator_codes ({model.OperatorCodes.Count}):");
        for (var i = 0; i < model.OperatorCodes.Count; i++)
        {
            var code = model.OperatorCodes[i];
            Line(text, 1, $"[{i}] {OperatorName(code.BuiltinCode)} version={code.Version}");
        }

        for (var s = 0; s < model.Subgraphs.Count; s++)
        {
            AppendSubgraph(text, model, s);
        }

        Line(text, 0, $"buffers ({model.Buffers.Count}):");
        for (var b = 0; b < model.Buffers.Count; b++)
        {
            Line(text, 1, $"[{b}] {Describe(model.Buffers[b])}");
        }

        Line(text, 0, $"metadata ({model.Metadata.Count}):");
        for (var m = 0; m < model.Metadata.Count; m++)
        {
            Line(text, 1, $"[{m}] {Quote(model.Metadata[m].Name)} buffer={model.Metadata[m].Buffer}");
        }

        if (model.Signatures.Count > 0)
        {
            Line(text, 0, $"signatures ({model.Signatures.Count}):");
            foreach (var signature in model.Signatures)
            {
                Line(text, 1, $"{Quote(signature.Key)} subgraph={signature.SubgraphIndex} inputs={Maps(signature.Inputs)} outputs={Maps(signature.Outputs)}");
            }
        }

        return text.ToString();
    }

    /// <summary>The schema's name of an operator, e.g. "CONV_2D".</summary>
    public static string OperatorName(TfliteBuiltinOperator op) =>
        TfliteSchemaNames.Operator((int)op).Split(' ')[0];

    private static void AppendSubgraph(StringBuilder text, TfliteModel model, int index)
    {
        var subgraph = model.Subgraphs[index];
        Line(text, 0, $"subgraph {index} {Quote(subgraph.Name)} inputs={Ints(subgraph.Inputs)} outputs={Ints(subgraph.Outputs)}");
        Line(text, 1, $"tensors ({subgraph.Tensors.Count}):");
        for (var t = 0; t < subgraph.Tensors.Count; t++)
        {
            var tensor = subgraph.Tensors[t];
            var line = new StringBuilder($"[{t}] {Quote(tensor.Name)} {TfliteOptionFields.TensorType(tensor.Type)} shape={Ints(tensor.Shape)} buffer={tensor.Buffer}");
            if (tensor.ShapeSignature is not null)
            {
                line.Append($" shape_signature={Ints(tensor.ShapeSignature)}");
            }

            line.Append(tensor.IsVariable ? " variable" : string.Empty).Append(tensor.HasRank ? " has_rank" : string.Empty);
            if (tensor.Quantization is { } q)
            {
                line.Append($" quant(scale={Floats(q.Scale)} zero_point=[{string.Join(", ", q.ZeroPoint.Select(z => z.ToString(CultureInfo.InvariantCulture)))}]");
                line.Append(q.IsPerAxis ? $" axis={q.QuantizedDimension}" : string.Empty);
                line.Append(q.Min.Count > 0 ? $" min={Floats(q.Min)}" : string.Empty);
                line.Append(q.Max.Count > 0 ? $" max={Floats(q.Max)}" : string.Empty).Append(')');
            }

            Line(text, 2, line.ToString());
        }

        Line(text, 1, $"operators ({subgraph.Operators.Count}):");
        for (var o = 0; o < subgraph.Operators.Count; o++)
        {
            var op = subgraph.Operators[o];
            var name = op.OpcodeIndex >= 0 && op.OpcodeIndex < model.OperatorCodes.Count
                ? OperatorName(model.OperatorCodes[op.OpcodeIndex].BuiltinCode)
                : "?";
            var options = op.Options is null ? string.Empty : " " + Options(op.Options);
            Line(text, 2, $"[{o}] {name} (opcode {op.OpcodeIndex}) inputs={Ints(op.Inputs)} outputs={Ints(op.Outputs)}{options}");
        }
    }

    private static string Options(TfliteBuiltinOptions options)
    {
        var fields = TfliteOptionFields.Of(options).Select(f => $"{f.Name}={Value(f.Value)}");
        return $"{options.TableName}({string.Join(", ", fields)})";
    }

    private static string Value(object? value) => value switch
    {
        null => "absent",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        TfliteOptionFields.FileText text => Quote(text.Value),
        int[] list => Ints(StructuralList.Create<int>(list)),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Describe(TfliteBuffer buffer)
    {
        if (buffer.IsEmpty)
        {
            return "empty";
        }

        var bytes = buffer.Data.AsSpan();
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        var preview = Convert.ToHexStringLower(bytes[..Math.Min(PreviewBytes, bytes.Length)]);
        var more = bytes.Length > PreviewBytes ? "..." : string.Empty;
        return $"{bytes.Length} bytes sha256={hash} data={preview}{more}";
    }

    private static string Maps(StructuralList<TfliteTensorMap> maps) =>
        "[" + string.Join(", ", maps.Select(m => $"{Quote(m.Name)}->{m.TensorIndex}")) + "]";

    private static string Ints(StructuralList<int> values) =>
        "[" + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";

    private static string Floats(StructuralList<float> values) =>
        "[" + string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static void Line(StringBuilder text, int indent, string line) =>
        text.Append(' ', indent * 2).Append(line).Append('\n');
}
