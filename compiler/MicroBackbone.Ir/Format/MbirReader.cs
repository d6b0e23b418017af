using System.Globalization;
using System.Text.Json;

namespace MicroBackbone.Ir.Format;

/// <summary>
/// Reads <c>.mbir</c> text into an <see cref="IrGraph"/>. Checks the file itself (format, version, JSON, base64,
/// data lengths); run <see cref="GraphValidator.Validate"/> afterwards to check the graph's semantics.
/// </summary>
public static class MbirReader
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="sourceName"/> (usually the path) prefixes every error.</summary>
    public static IrGraph Read(string text, string sourceName)
    {
        var r = new MbirJsonReader(sourceName);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw r.Fail(
                string.IsNullOrEmpty(e.Path) ? "$" : e.Path!,
                $"corrupt or truncated JSON at line {line.ToString(CultureInfo.InvariantCulture)}, byte {column.ToString(CultureInfo.InvariantCulture)}",
                e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            r.RequireObject(root, "$");
            if (r.Optional(root, "format") is not { ValueKind: JsonValueKind.String } format || format.GetString() != MbirFormat.FormatName)
            {
                throw r.Fail("$.format", $"not an .mbir file (expected \"format\": \"{MbirFormat.FormatName}\")");
            }

            var version = r.Int(root, "version", "$");
            if (version < 1 || version > MbirFormat.CurrentVersion)
            {
                throw r.Fail("$.version", $"unsupported .mbir version {version}; this build reads versions 1 to {MbirFormat.CurrentVersion}");
            }

            return ReadGraph(r, r.Property(root, "graph", "$"), "$.graph");
        }
    }

    /// <summary>Reads UTF-8 <c>.mbir</c> text from <paramref name="stream"/> (to its end).</summary>
    public static IrGraph Read(Stream stream, string sourceName)
    {
        using var reader = new StreamReader(stream, new System.Text.UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
        return Read(reader.ReadToEnd(), sourceName);
    }

    private static IrGraph ReadGraph(MbirJsonReader r, JsonElement g, string path)
    {
        var name = r.String(g, "name", path);
        var metadata = new List<KeyValuePair<string, string>>();
        if (r.Optional(g, "metadata") is { } meta)
        {
            r.RequireObject(meta, $"{path}.metadata");
            foreach (var p in meta.EnumerateObject())
            {
                metadata.Add(new(p.Name, r.String(meta, p.Name, $"{path}.metadata")));
            }
        }

        var classNames = r.Optional(g, "class_names") is null ? Array.Empty<string>() : r.Strings(g, "class_names", path);
        var inputs = r.Ints(g, "inputs", path);
        var outputs = r.Ints(g, "outputs", path);
        var tensors = r.Items(r.Property(g, "tensors", path), $"{path}.tensors").Select(p => ReadTensor(r, p.Value, p.Path)).ToList();
        var operators = r.Items(r.Property(g, "operators", path), $"{path}.operators").Select(p => ReadOperator(r, p.Value, p.Path)).ToList();
        if (ClassNameCount.Mismatch(classNames.Length, ClassNameCount.Outputs(tensors, outputs), r.SourceName, $"{path}.class_names") is { } mismatch)
        {
            throw new MbirFormatException(mismatch);
        }
        return new IrGraph(name, tensors, operators, inputs, outputs, classNames, metadata);
    }

    private static IrTensor ReadTensor(MbirJsonReader r, JsonElement t, string path)
    {
        var id = r.Int(t, "id", path);
        var name = r.String(t, "name", path);
        var typeName = r.String(t, "type", path);
        if (!IrDataTypeFacts.TryParseMbirName(typeName, out var type))
        {
            throw r.Fail($"{path}.type", $"unknown type \"{typeName}\" (expected int8, uint8, int16, int32 or float32)");
        }

        var shape = r.Ints(t, "shape", path);
        if (shape.Any(d => d < 1))
        {
            throw r.Fail($"{path}.shape", $"dimensions must be >= 1, got [{string.Join(", ", shape)}]");
        }

        QuantParams? quant = null;
        if (r.Optional(t, "quant") is { } q)
        {
            var qPath = $"{path}.quant";
            r.RequireObject(q, qPath);
            quant = new QuantParams(
                new EquatableArray<float>(r.Floats(q, "scales", qPath)),
                new EquatableArray<int>(r.Ints(q, "zero_points", qPath)),
                r.Int(q, "axis", qPath));
        }

        EquatableArray<byte>? data = null;
        if (r.Optional(t, "data") is { } d)
        {
            var bytes = r.Base64(d, $"{path}.data");
            var expected = shape.Aggregate(1L, (a, b) => a * b) * type.ElementSize();
            if (bytes.LongLength != expected)
            {
                throw r.Fail(
                    $"{path}.data",
                    $"holds {bytes.Length} bytes but shape [{string.Join(", ", shape)}] of {typeName} needs {expected}");
            }

            data = EquatableArray<byte>.Adopt(bytes);
        }

        var isState = false;
        if (r.Optional(t, "role") is not null)
        {
            var role = r.String(t, "role", path);
            isState = role == "state"
                ? true
                : throw r.Fail($"{path}.role", $"unknown role \"{role}\" (expected \"state\")");
        }

        return new IrTensor(id, name, new EquatableArray<int>(shape), type, quant, data, isState);
    }

    private static IrOperator ReadOperator(MbirJsonReader r, JsonElement o, string path)
    {
        var kindName = r.String(o, "kind", path);
        if (!IrOpKindFacts.TryParse(kindName, out var kind))
        {
            throw r.Fail($"{path}.kind", $"unknown operator kind \"{kindName}\"");
        }

        var name = r.String(o, "name", path);
        var inputs = r.Ints(o, "inputs", path);
        var outputs = r.Ints(o, "outputs", path);
        var attributes = AttributesJson.Read(kind, r.Optional(o, "attributes"), r, $"{path}.attributes");
        int? inPlace = r.Optional(o, "in_place_input") is { } ip ? r.IntValue(ip, $"{path}.in_place_input") : null;
        return new IrOperator(kind, name, new EquatableArray<int>(inputs), new EquatableArray<int>(outputs), attributes, inPlace);
    }
}
