using MicroBackbone.Compiler.BackEnds.Tflite;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Compiler.FrontEnds.TorchSharp;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Quantization;
using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Compiler.Tests.FrontEnds;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Quantization;
using MicroBackbone.Ir.Reference;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>
/// The TorchVision drop-ins through TFLite, float and int8: ResNet's stem max pool (3x3, stride 2, padding 1) goes
/// as PADV2 + VALID MAX_POOL_2D, and both flatbuffers import back to graphs that compute what the IR computes.
/// </summary>
public class TorchVisionTfliteExportTests
{
    [Theory]
    [InlineData("resnet18", 16)]
    [InlineData("mobilenet_v3_small", 32)]
    [InlineData("efficientnet_b0", 32)]
    public void Float_and_int8_flatbuffers_compute_what_the_IR_computes(string arch, int size)
    {
        (nn.Module<Tensor, Tensor> model, ModelSpec spec) = TrainedLikeModels.Create(arch, size, 3, 10, seed: 3);
        IrGraph graph;
        using (model)
        {
            graph = TorchSharpFrontEnd.Lower(model, spec);
        }

        byte[] floatFile = TfliteExporter.Export(graph);
        var read = TfliteReader.Read(floatFile, arch + ".tflite");
        var builtins = read.Subgraphs[0].Operators.Select(o => read.OperatorCodes[o.OpcodeIndex].BuiltinCode).ToList();
        Assert.Equal(arch == "resnet18" ? 1 : 0, builtins.Count(b => b == TfliteBuiltinOperator.PadV2));
        var imported = TfliteImporter.Import(floatFile, arch + ".tflite");
        Assert.Equal(graph.Operators.Count(o => o.Kind == IrOpKind.MaxPool2D), imported.Operators.Count(o => o.Kind == IrOpKind.MaxPool2D));
        float[] x = TrainedLikeModels.Input(spec, 1).Nhwc;
        float[] expected = (float[])new FloatInterpreter(graph).Run([x])[0].Clone();
        float[] actual = new FloatInterpreter(imported).Run([x])[0];
        float tolerance = 1e-5f * Math.Max(1f, expected.Max(Math.Abs));
        Assert.All(expected.Zip(actual), p => Assert.True(Math.Abs(p.First - p.Second) <= tolerance, $"{p.First} vs {p.Second}"));

        var calibration = Enumerable.Range(0, 2).Select(seed => TrainedLikeModels.Input(spec, 10 + seed).Nhwc).ToList();
        QuantizationRecord record = StaticQuantization.Calibrate(graph, calibration, ObserverKind.MinMax);
        IrGraph int8 = StaticQuantization.Apply(graph, record, arch);
        IrGraph int8Imported = TfliteImporter.Import(TfliteExporter.Export(int8), arch + "_int8.tflite");
        int inputBytes = (int)int8Imported.Tensor(int8Imported.Inputs[0]).ElementCount;
        for (int seed = 0; seed < 1; seed++)
        {
            sbyte[] q = CTestModels.RandomInput(inputBytes, seed);
            Assert.Equal(new Int8Interpreter(int8).Run(q), Int8GraphEvaluator.Run(int8Imported, q));
        }
    }
}
