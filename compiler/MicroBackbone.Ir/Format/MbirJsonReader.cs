using System.Globalization;
using System.Text.Json;

namespace MicroBackbone.Ir.Format;

/// <summary>Typed access to JSON properties that fails with the source name and JSON path of the bad value.</summary>
internal sealed class MbirJsonReader(string sourceName)
{
    public string SourceName => sourceName;

    public MbirFormatException Fail(string path, string what, Exception? inner = null) =>
        new($"{sourceName}: {path}: {what}", inner);

    public void RequireObject(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Fail(path, $"expected an object, got {Kind(e)}");
        }
    }

    public JsonElement Property(JsonElement e, string name, string path)
    {
        RequireObject(e, path);
        return e.TryGetProperty(name, out var value) ? value : throw Fail($"{path}.{name}", "missing required field");
    }

    public JsonElement? Optional(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public int Int(JsonElement e, string name, string path) => IntValue(Property(e, name, path), $"{path}.{name}");

    public int IntValue(JsonElement v, string path) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw Fail(path, $"expected a 32-bit integer, got {Kind(v)}");

    public float Float(JsonElement e, string name, string path) => FloatValue(Property(e, name, path), $"{path}.{name}");

    public bool Bool(JsonElement e, string name, string path)
    {
        var v = Property(e, name, path);
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Fail($"{path}.{name}", $"expected true or false, got {v.ValueKind}"),
        };
    }

    public string String(JsonElement e, string name, string path)
    {
        var v = Property(e, name, path);
        return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Fail($"{path}.{name}", $"expected a string, got {Kind(v)}");
    }

    public int[] Ints(JsonElement e, string name, string path) =>
        Items(Property(e, name, path), $"{path}.{name}").Select(p => IntValue(p.Value, p.Path)).ToArray();

    public float[] Floats(JsonElement e, string name, string path) =>
        Items(Property(e, name, path), $"{path}.{name}").Select(p => FloatValue(p.Value, p.Path)).ToArray();

    public string[] Strings(JsonElement e, string name, string path) =>
        Items(Property(e, name, path), $"{path}.{name}")
            .Select(p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw Fail(p.Path, $"expected a string, got {Kind(p.Value)}"))
            .ToArray();

    public (int A, int B) IntPair(JsonElement e, string name, string path)
    {
        var v = Ints(e, name, path);
        return v.Length == 2 ? (v[0], v[1]) : throw Fail($"{path}.{name}", $"expected 2 numbers [h, w], got {v.Length}");
    }

    public IEnumerable<(JsonElement Value, string Path)> Items(JsonElement array, string path)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Fail(path, $"expected an array, got {Kind(array)}");
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            yield return (item, $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]");
            i++;
        }
    }

    public byte[] Base64(JsonElement v, string path)
    {
        if (v.ValueKind != JsonValueKind.String)
        {
            throw Fail(path, $"expected a base64 string, got {Kind(v)}");
        }

        try
        {
            return Convert.FromBase64String(v.GetString()!);
        }
        catch (FormatException e)
        {
            throw Fail(path, "invalid base64 data", e);
        }
    }

    private float FloatValue(JsonElement v, string path)
    {
        if (v.ValueKind == JsonValueKind.Number
            && float.TryParse(v.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var f)
            && !float.IsInfinity(f))
        {
            return f;
        }

        throw Fail(path, $"expected a finite number, got {Kind(v)} {v.GetRawText()}");
    }

    private static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();
}
