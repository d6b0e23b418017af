using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using MicroBackbone.Compiler.BackEnds.Tflite;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Edges;

/// <summary>
/// Several inputs and outputs and float32 edges (<see cref="MultiEdgeModels"/>): the checked-in <c>.tflite</c> files
/// are what our writer makes; import keeps the subgraph's input and output order and declared types; export keeps
/// them; and the int8 interpreter, fed each golden case's raw input bytes in the declared types, returns TFLite
/// Micro's exact output bytes (float outputs compared bit for bit).
/// </summary>
public class MultiEdgeTests
{
    public static TheoryData<string> Cases => new(MultiEdgeModels.All.Keys);

    internal static string Folder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    internal static string TflitePath(string name) => Path.Combine(Folder(), name + ".tflite");

    internal static TflmGoldenFile Golden(string name) => TflmGoldenFile.Read(Path.Combine(Folder(), name + ".golden.txt"));

    internal static IrGraph Import(string name) => TfliteImporter.Import(File.ReadAllBytes(TflitePath(name)), name + ".tflite");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Checked_in_file_is_what_the_builder_writes(string name)
    {
        var bytes = TfliteWriter.Write(MultiEdgeModels.All[name]());
        var path = TflitePath(name);
        if (!File.Exists(path))
        {
            File.WriteAllBytes(path, bytes);
            Assert.Fail($"{path} was missing and has been written; make its golden with the TFLite Micro runner");
        }

        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void Import_keeps_the_subgraph_order_of_inputs_and_outputs()
    {
        var graph = Import("two_in_two_out_int8");
        Assert.Equal(new[] { "x0", "x1" }, graph.Inputs.Select(id => graph.Tensor(id).Name));
        Assert.Equal(new[] { "prod", "sum" }, graph.Outputs.Select(id => graph.Tensor(id).Name));

        var mixed = Import("mixed_edges");
        Assert.Equal(new[] { IrDataType.Float32, IrDataType.Int8 }, mixed.Inputs.Select(id => mixed.Tensor(id).DataType));
        Assert.Equal(new[] { IrDataType.Float32, IrDataType.Int8 }, mixed.Outputs.Select(id => mixed.Tensor(id).DataType));
    }

    [Theory]
    [InlineData("two_in_two_out_int8")]
    [InlineData("two_in_two_out_float")]
    public void Export_and_reimport_keep_every_input_and_output_in_order(string name)
    {
        var graph = Import(name);
        var again = TfliteImporter.Import(TfliteExporter.Export(graph, new TfliteExportOptions(KeepFloatEdges: true)), "again.tflite");
        Assert.Equal(graph.Inputs.Select(id => graph.Tensor(id).Name), again.Inputs.Select(id => again.Tensor(id).Name));
        Assert.Equal(graph.Outputs.Select(id => graph.Tensor(id).Name), again.Outputs.Select(id => again.Tensor(id).Name));
        Assert.Equal(graph.Outputs.Select(id => graph.Tensor(id).DataType), again.Outputs.Select(id => again.Tensor(id).DataType));
        var golden = Golden(name);
        var a = new Int8Interpreter(graph);
        var b = new Int8Interpreter(again);
        foreach (var c in golden.Cases)
        {
            var x = Declared(a.DeclaredInputs, c.Inputs);
            Assert.Equal(Bytes(a.RunDeclared(x)), Bytes(b.RunDeclared(x)));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Interpreter_matches_tflite_micro_on_every_golden_case(string name)
    {
        var golden = Golden(name);
        var interpreter = new Int8Interpreter(Import(name));
        Assert.Equal(golden.InputTypes, interpreter.DeclaredInputs.Select(t => t.DataType.ToMbirName()));
        Assert.Equal(golden.OutputTypes, interpreter.DeclaredOutputs.Select(t => t.DataType.ToMbirName()));
        Assert.True(golden.Cases.Count >= 20, $"{name}: {golden.Cases.Count} golden cases");
        foreach (var c in golden.Cases)
        {
            var y = interpreter.RunDeclared(Declared(interpreter.DeclaredInputs, c.Inputs));
            Assert.Equal(c.Outputs, Bytes(y));
        }
    }

    /// <summary>Raw little-endian bytes as the arrays <see cref="Int8Interpreter.RunDeclared"/> takes.</summary>
    internal static Array[] Declared(IReadOnlyList<IrTensor> tensors, IReadOnlyList<byte[]> raw) =>
        tensors.Select((t, i) => t.DataType == IrDataType.Float32
            ? (Array)Enumerable.Range(0, raw[i].Length / 4).Select(k => BinaryPrimitives.ReadSingleLittleEndian(raw[i].AsSpan(k * 4))).ToArray()
            : raw[i].Select(v => (sbyte)v).ToArray()).ToArray();

    /// <summary>The raw little-endian bytes of each output array.</summary>
    internal static IReadOnlyList<byte[]> Bytes(Array[] outputs) => outputs.Select(o => o switch
    {
        float[] f => f.SelectMany(v => BitConverter.GetBytes(v)).ToArray(),
        sbyte[] s => s.Select(v => (byte)v).ToArray(),
        _ => throw new InvalidOperationException(o.GetType().Name),
    }).ToList();
}
