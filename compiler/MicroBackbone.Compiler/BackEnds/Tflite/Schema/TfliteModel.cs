using System.Text;

namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// A whole TFLite model file (schema table <c>Model</c>, schema version 3), as a typed, immutable object model.
/// It mirrors the file: indices between its lists are kept as indices, nothing is resolved or inferred.
/// </summary>
/// <param name="Version">Schema version; 3 for every file we write or read.</param>
/// <param name="Description">Free text, e.g. the producer.</param>
/// <param name="OperatorCodes">Operator table referenced by <see cref="TfliteOperator.OpcodeIndex"/>.</param>
/// <param name="Subgraphs">Subgraphs; the first is the entry.</param>
/// <param name="Buffers">Data buffers; buffer 0 must be empty.</param>
/// <param name="Metadata">Named metadata entries pointing at buffers.</param>
public sealed record TfliteModel(
    uint Version,
    string Description,
    StructuralList<TfliteOperatorCode> OperatorCodes,
    StructuralList<TfliteSubgraph> Subgraphs,
    StructuralList<TfliteBuffer> Buffers,
    StructuralList<TfliteMetadata> Metadata)
{
    /// <summary>Named entry points (schema field <c>signature_defs</c>); empty when the file has none.</summary>
    public StructuralList<TfliteSignature> Signatures { get; init; } = StructuralList<TfliteSignature>.Empty;

    /// <summary>The schema version this layer writes and accepts.</summary>
    public const uint SchemaVersion = TfliteSchema.Version;

    /// <summary>Name of the metadata entry holding the oldest runtime version able to run the model.</summary>
    public const string MinRuntimeVersionName = TfliteSchema.MinRuntimeVersionMetadata;

    /// <summary>
    /// Returns a copy with a <c>min_runtime_version</c> metadata entry whose buffer holds <paramref name="version"/>
    /// (e.g. "1.14.0") as ASCII, zero-padded to 16 bytes as TFLite converters do. An existing entry keeps its buffer
    /// index and gets the new content; otherwise a buffer is appended.
    /// </summary>
    public TfliteModel WithMinRuntimeVersion(string version)
    {
        var text = Encoding.ASCII.GetBytes(version);
        if (text.Length >= 16)
        {
            throw new ArgumentException($"min_runtime_version '{version}' must be shorter than 16 characters.", nameof(version));
        }

        var padded = new byte[16];
        text.CopyTo(padded, 0);
        var buffers = Buffers.ToList();
        var metadata = Metadata.ToList();
        var existing = metadata.FindIndex(m => m.Name == MinRuntimeVersionName);
        if (existing >= 0 && metadata[existing].Buffer > 0 && metadata[existing].Buffer < buffers.Count)
        {
            buffers[metadata[existing].Buffer] = new TfliteBuffer(padded);
        }
        else
        {
            buffers.Add(new TfliteBuffer(padded));
            metadata.RemoveAll(m => m.Name == MinRuntimeVersionName);
            metadata.Add(new TfliteMetadata(MinRuntimeVersionName, buffers.Count - 1));
        }

        return this with { Buffers = StructuralList.From(buffers), Metadata = StructuralList.From(metadata) };
    }

    /// <summary>The <c>min_runtime_version</c> text (trailing zeros removed), or null when the model has none.</summary>
    public string? MinRuntimeVersion()
    {
        var entry = Metadata.FirstOrDefault(m => m.Name == MinRuntimeVersionName);
        if (entry is null || entry.Buffer < 0 || entry.Buffer >= Buffers.Count)
        {
            return null;
        }

        return Encoding.ASCII.GetString(Buffers[entry.Buffer].Data.AsSpan()).TrimEnd('\0');
    }
}
