using System.Collections;
using System.IO.Compression;
using System.Text;
using Razorvine.Pickle;
using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Checkpoints;

/// <summary>
/// Writes an object tree of dicts, lists, plain values and tensors in the zip layout of <c>torch.save</c>:
/// <c>archive/data.pkl</c> (pickle protocol 2, tensors replaced by persistent ids that name a storage),
/// <c>archive/byteorder</c>, one <c>archive/data/N</c> entry of raw little-endian bytes per tensor, and
/// <c>archive/version</c>. Entries are stored uncompressed with a fixed timestamp so equal inputs give equal bytes.
/// </summary>
/// <remarks>
/// We write this ourselves rather than with PyBridge's <c>PyTorchPickler</c> because that one names the folder
/// <c>model/</c>, deflates entries and stamps them with the current time (so files differ run to run), and throws
/// <see cref="NotSupportedException"/>-style errors for dtypes it lacks. Tensors are wrapped in private types
/// before pickling so Razorvine's global pickler registries (which PyBridge also fills for <see cref="Tensor"/>)
/// cannot interfere.
/// </remarks>
internal static class TorchZipWriter
{
    private const string Root = "archive";

    // PyTorch's serialization format version for zip checkpoints; every version since 1.6 reads 3.
    private const string FormatVersion = "3\n";

    private static readonly DateTimeOffset FixedTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    static TorchZipWriter()
    {
        Pickler.registerCustomDeconstructor(typeof(TensorRecord), new TensorRecordDeconstructor());
        Pickler.registerCustomDeconstructor(typeof(EmptyOrderedDict), new EmptyOrderedDictDeconstructor());
        Pickler.registerCustomPickler(typeof(StorageClass), new StorageClassPickler());
        Pickler.registerCustomPickler(typeof(ScriptModuleRecord), new ScriptModulePickler());
    }

    /// <summary>
    /// Writes a TorchScript archive: <paramref name="module"/> as <c>data.pkl</c> (its attribute tensors as storages),
    /// an empty <c>constants.pkl</c>, and <paramref name="code"/> (path under <c>code/</c> to TorchScript source).
    /// </summary>
    public static void WriteScriptModule(Stream stream, ScriptModuleRecord module, IReadOnlyDictionary<string, string> code)
    {
        using var scope = NewDisposeScope();
        var storages = new List<Tensor>();
        var root = new ScriptModuleRecord(module.ClassName, (IDictionary)Replace(module.Attributes, storages));
        byte[] pickle, constants;
        using (var pickler = new StoragePickler(storages.Count))
        {
            pickle = pickler.dumps(root);
        }
        using (var pickler = new Pickler())
        {
            constants = pickler.dumps(Array.Empty<object>());
        }
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        WriteEntry(zip, "data.pkl", pickle);
        foreach (var (path, source) in code.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            WriteEntry(zip, "code/" + path, Encoding.UTF8.GetBytes(source));
        }
        WriteEntry(zip, "constants.pkl", constants);
        for (int i = 0; i < storages.Count; i++)
        {
            WriteEntry(zip, $"data/{i}", storages[i].bytes);
        }
        WriteEntry(zip, "version", Encoding.ASCII.GetBytes(FormatVersion));
    }

    /// <summary>Writes <paramref name="root"/> (which may contain tensors at any depth) to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IDictionary root)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("checkpoints are written little-endian; this machine is big-endian");
        }

        using var scope = NewDisposeScope();
        var storages = new List<Tensor>();
        object tree = Replace(root, storages);

        byte[] pickle;
        using (var pickler = new StoragePickler(storages.Count))
        {
            pickle = pickler.dumps(tree);
        }

        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        WriteEntry(zip, "data.pkl", pickle);
        WriteEntry(zip, "byteorder", Encoding.ASCII.GetBytes("little"));
        for (int i = 0; i < storages.Count; i++)
        {
            WriteEntry(zip, $"data/{i}", storages[i].bytes);
        }
        WriteEntry(zip, "version", Encoding.ASCII.GetBytes(FormatVersion));
    }

    private static void WriteEntry(ZipArchive zip, string name, ReadOnlySpan<byte> content)
    {
        ZipArchiveEntry entry = zip.CreateEntry($"{Root}/{name}", CompressionLevel.NoCompression);
        entry.LastWriteTime = FixedTimestamp;
        using Stream output = entry.Open();
        output.Write(content);
    }

    /// <summary>Copies the tree, turning each tensor into a <see cref="TensorRecord"/> that owns one storage.</summary>
    private static object Replace(object? value, List<Tensor> storages)
    {
        switch (value)
        {
            case Tensor tensor:
                // A contiguous CPU copy: its bytes are exactly the storage PyTorch will rebuild with offset 0.
                Tensor data = tensor.detach().cpu().contiguous();
                long[] shape = data.shape;
                storages.Add(data);
                return new TensorRecord(storages.Count - 1, data.dtype, shape, ContiguousStrides(shape));
            case IDictionary dict:
                // Dictionary keeps insertion order while nothing is removed, so keys are written in the caller's order.
                var copy = new Dictionary<object, object>();
                foreach (DictionaryEntry entry in dict)
                {
                    copy[entry.Key] = Replace(entry.Value, storages);
                }
                return copy;
            case string:
                return value;
            case IEnumerable list:
                var items = new List<object>();
                foreach (object? item in list)
                {
                    items.Add(Replace(item, storages));
                }
                return items;
            case bool or int or long or double:
                return value;
            default:
                // Anything else would pickle as a class reference that torch.load(weights_only=True) refuses.
                throw new ArgumentException(
                    $"checkpoint content cannot hold {value?.GetType().Name ?? "null"} values; expected tensors, dicts, "
                    + "lists, strings, ints, floats or bools");
        }
    }

    private static long[] ContiguousStrides(long[] shape)
    {
        var strides = new long[shape.Length];
        long step = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = step;
            step *= Math.Max(shape[i], 1);
        }
        return strides;
    }

    private static string StorageName(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => "FloatStorage",
        ScalarType.Float64 => "DoubleStorage",
        ScalarType.Float16 => "HalfStorage",
        ScalarType.BFloat16 => "BFloat16Storage",
        ScalarType.Int64 => "LongStorage",
        ScalarType.Int32 => "IntStorage",
        ScalarType.Int16 => "ShortStorage",
        ScalarType.Int8 => "CharStorage",
        ScalarType.Byte => "ByteStorage",
        ScalarType.Bool => "BoolStorage",
        _ => throw new ArgumentException($"tensors of dtype {dtype} cannot be written to a checkpoint"),
    };

    /// <summary>A TorchScript module object: class <c>__torch__.ClassName</c> with its attribute values.</summary>
    /// <param name="ClassName">The class defined in <c>code/__torch__.py</c>.</param>
    /// <param name="Attributes">Attribute name to value (tensors, bools), in the order the class declares them.</param>
    internal sealed record ScriptModuleRecord(string ClassName, IDictionary Attributes);

    private sealed record TensorRecord(int StorageIndex, ScalarType DType, long[] Shape, long[] Strides);

    private sealed record StorageRecord(int Index, ScalarType DType, long ElementCount);

    private sealed record StorageClass(string Name);

    private sealed class EmptyOrderedDict;

    /// <summary>Pickles a tensor as <c>torch._utils._rebuild_tensor_v2(storage, offset, shape, stride,
    /// requires_grad, backward_hooks)</c>, the call PyTorch itself records.</summary>
    private sealed class TensorRecordDeconstructor : IObjectDeconstructor
    {
        public string get_module() => "torch._utils";

        public string get_name() => "_rebuild_tensor_v2";

        public object[] deconstruct(object obj)
        {
            var tensor = (TensorRecord)obj;
            long count = tensor.Shape.Aggregate(1L, (product, size) => product * size);
            return
            [
                new StorageRecord(tensor.StorageIndex, tensor.DType, count),
                0L,
                tensor.Shape.Cast<object>().ToArray(), // object[] pickles as a tuple, as PyTorch expects
                tensor.Strides.Cast<object>().ToArray(),
                false,
                new EmptyOrderedDict(),
            ];
        }
    }

    private sealed class EmptyOrderedDictDeconstructor : IObjectDeconstructor
    {
        public string get_module() => "collections";

        public string get_name() => "OrderedDict";

        public object[] deconstruct(object obj) => [Array.Empty<object>()];
    }

    /// <summary>Writes the storage class (e.g. <c>torch.FloatStorage</c>) as a bare GLOBAL, which PyTorch maps to a dtype.</summary>
    private sealed class StorageClassPickler : IObjectPickler
    {
        public void pickle(object o, Stream outs, Pickler currentPickler)
        {
            outs.WriteByte(Opcodes.GLOBAL);
            byte[] name = Encoding.ASCII.GetBytes($"torch\n{((StorageClass)o).Name}\n");
            outs.Write(name, 0, name.Length);
        }
    }

    /// <summary>
    /// Pickles a module object the way TorchScript does: GLOBAL <c>__torch__ ClassName</c>, an empty argument tuple,
    /// NEWOBJ, then its attribute dict applied with BUILD.
    /// </summary>
    private sealed class ScriptModulePickler : IObjectPickler
    {
        public void pickle(object o, Stream outs, Pickler currentPickler)
        {
            var module = (ScriptModuleRecord)o;
            outs.WriteByte(Opcodes.GLOBAL);
            byte[] name = Encoding.ASCII.GetBytes($"__torch__\n{module.ClassName}\n");
            outs.Write(name, 0, name.Length);
            outs.WriteByte(Opcodes.EMPTY_TUPLE);
            outs.WriteByte(Opcodes.NEWOBJ);
            currentPickler.save(module.Attributes);
            outs.WriteByte(Opcodes.BUILD);
        }
    }

    /// <summary>Replaces each storage by the persistent id <c>("storage", class, key, "cpu", numel)</c>.</summary>
    private sealed class StoragePickler(int storageCount) : Pickler
    {
        protected override bool persistentId(object pid, out object newpid)
        {
            if (pid is not StorageRecord storage || storage.Index >= storageCount)
            {
                newpid = null!;
                return false;
            }
            newpid = new object[]
            {
                "storage",
                new StorageClass(StorageName(storage.DType)),
                storage.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "cpu",
                storage.ElementCount,
            };
            return true;
        }
    }
}
