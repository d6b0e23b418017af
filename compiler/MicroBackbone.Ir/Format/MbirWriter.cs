namespace MicroBackbone.Ir.Format;

/// <summary>
/// Writes an <see cref="IrGraph"/> as <c>.mbir</c> text. Deterministic: the same graph always gives byte-identical
/// text (fixed key order, invariant numbers, "\n" line ends, no timestamps). Does not validate the graph.
/// </summary>
public static class MbirWriter
{
    /// <summary>The <c>.mbir</c> text of <paramref name="graph"/>.</summary>
    public static string Write(IrGraph graph)
    {
        var w = new CanonicalJsonWriter();
        w.BeginObject();
        w.Name("format");
        w.String(MbirFormat.FormatName);
        w.Name("version");
        w.Int(MbirFormat.CurrentVersion);
        w.Name("graph");
        w.BeginObject();
        w.Name("name");
        w.String(graph.Name);
        w.Name("metadata");
        w.BeginObject();
        foreach (var pair in graph.Metadata)
        {
            w.Name(pair.Key);
            w.String(pair.Value);
        }

        w.EndObject();
        w.Name("class_names");
        w.InlineStrings(graph.ClassNames);
        w.Name("inputs");
        w.InlineInts(graph.Inputs);
        w.Name("outputs");
        w.InlineInts(graph.Outputs);
        w.Name("tensors");
        w.BeginArray();
        foreach (var t in graph.Tensors)
        {
            WriteTensor(w, t);
        }

        w.EndArray();
        w.Name("operators");
        w.BeginArray();
        foreach (var op in graph.Operators)
        {
            WriteOperator(w, op);
        }

        w.EndArray();
        w.EndObject();
        w.EndObject();
        return w.ToString();
    }

    /// <summary>Writes the <c>.mbir</c> text of <paramref name="graph"/> to <paramref name="stream"/> as UTF-8 without BOM.</summary>
    public static void Write(IrGraph graph, Stream stream)
    {
        var bytes = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Write(graph));
        stream.Write(bytes, 0, bytes.Length);
    }

    private static void WriteTensor(CanonicalJsonWriter w, IrTensor t)
    {
        w.BeginObject();
        w.Name("id");
        w.Int(t.Id);
        w.Name("name");
        w.String(t.Name);
        w.Name("type");
        w.String(t.DataType.ToMbirName());
        w.Name("shape");
        w.InlineInts(t.Shape);
        if (t.Quant is { } q)
        {
            w.Name("quant");
            w.BeginObject();
            w.Name("scales");
            w.InlineFloats(q.Scales);
            w.Name("zero_points");
            w.InlineInts(q.ZeroPoints);
            w.Name("axis");
            w.Int(q.Axis);
            w.EndObject();
        }

        if (t.IsState)
        {
            w.Name("role");
            w.String("state");
        }

        if (t.Data is { } data)
        {
            w.Name("data");
            w.String(Convert.ToBase64String(data.ToArray()));
        }

        w.EndObject();
    }

    private static void WriteOperator(CanonicalJsonWriter w, IrOperator op)
    {
        w.BeginObject();
        w.Name("kind");
        w.String(op.Kind.ToString());
        w.Name("name");
        w.String(op.Name);
        w.Name("inputs");
        w.InlineInts(op.Inputs);
        w.Name("outputs");
        w.InlineInts(op.Outputs);
        if (op.Attributes is not null)
        {
            w.Name("attributes");
            AttributesJson.Write(w, op.Attributes);
        }

        if (op.InPlaceInput is int reuse)
        {
            w.Name("in_place_input");
            w.Int(reuse);
        }

        w.EndObject();
    }
}
