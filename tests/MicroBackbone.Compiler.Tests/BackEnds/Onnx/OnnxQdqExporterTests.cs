using MicroBackbone.Compiler.BackEnds.Onnx;
using MicroBackbone.Compiler.Compilation;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Data;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Quantization;
using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Reference;
using Microsoft.ML.OnnxRuntime;

namespace MicroBackbone.Compiler.Tests.BackEnds.Onnx;

public class OnnxQdqExporterTests
{
    /// <summary>The shipped quantized edge_nano.</summary>
    private static readonly string ShippedInt8 = Path.Combine(RepoPaths.Root, "samples", "models", "edge_nano_fashion_mnist_int8.pth");

    public static TheoryData<string> ArithmeticKinds() => new(QdqTestGraphs.Arithmetic);

    public static TheoryData<string> ExactKinds() => new(QdqTestGraphs.Exact);

    [Theory]
    [MemberData(nameof(ArithmeticKinds))]
    public void EachArithmeticOperatorIsWithinOneInt8StepOfTheInterpreter(string kind)
    {
        var graph = QdqTestGraphs.Build(kind);
        var inputs = QdqComparison.Inputs(graph, QdqTestGraphs.CalibrationInputs());

        // ONNX Runtime requantizes with a float multiplier rounded once (half to even); TFLite's fixed-point
        // multiplier rounds twice (half away from zero), so a value near a rounding boundary can land one step apart.
        Assert.InRange(QdqComparison.MaxStepDifference(graph, inputs), 0, 1);
    }

    [Theory]
    [MemberData(nameof(ExactKinds))]
    public void OperatorsThatMoveValuesAreExact(string kind)
    {
        var graph = QdqTestGraphs.Build(kind);
        var inputs = QdqComparison.Inputs(graph, QdqTestGraphs.CalibrationInputs());

        Assert.Equal(0, QdqComparison.MaxStepDifference(graph, inputs));
    }

    [Fact]
    public void EveryOperatorKindOfTheWideTestModelRunsAndPassesTheFullChecker()
    {
        // Float edges, stride-2 conv, hard-swish, pad, max pool, dilated conv, SE gate, sigmoid, relu6, average pool,
        // int8 requantize, flatten, fully connected, softmax.
        var graph = CTestModels.Wide();
        var model = OnnxQdqExporter.Export(graph);

        var line = OnnxChecker.Check(model);

        Assert.StartsWith("checked 1.", line);
        Assert.Contains("('', 17)", line);
        var interpreter = new Int8Interpreter(graph);
        var input = CTestModels.RandomInput(interpreter.InputTensor.ElementCount, 4);
        Assert.Equal(interpreter.Run(input).Length, QdqComparison.RunOnnx(model, graph, interpreter, input).Length);
    }

    [Fact]
    public void WeightsAreInt8PerChannelBiasesInt32AndActivationsUInt8()
    {
        var model = global::Onnx.ModelProto.Parser.ParseFrom(OnnxQdqExporter.Export(QdqTestGraphs.Build("conv")));
        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name);

        var weights = initializers["conv_w"];
        Assert.Equal((int)global::Onnx.TensorProto.Types.DataType.Int8, weights.DataType);
        Assert.Equal(new long[] { 6, 8, 3, 3 }, weights.Dims);
        Assert.Equal(new long[] { 6 }, initializers["conv_w_scale"].Dims);
        Assert.Equal((int)global::Onnx.TensorProto.Types.DataType.Int32, initializers["conv_b"].DataType);
        var weightDq = model.Graph.Node.Single(n => n.OpType == "DequantizeLinear" && n.Input[0] == "conv_w");
        Assert.Equal(0, weightDq.Attribute.Single(a => a.Name == "axis").I);
        var quantizers = model.Graph.Node.Where(n => n.OpType == "QuantizeLinear").ToArray();
        Assert.Equal(2, quantizers.Length);
        Assert.All(quantizers, q => Assert.Equal((int)global::Onnx.TensorProto.Types.DataType.Uint8, initializers[q.Input[2]].DataType));
        Assert.Equal(17, Assert.Single(model.OpsetImport).Version);
    }

    [Fact]
    public void OnnxRuntimeRunsTheConvolutionsWithItsIntegerKernels()
    {
        var model = OnnxQdqExporter.Export(QdqTestGraphs.Build("conv"));

        var operators = OptimizedOperators(model);

        Assert.Contains("QLinearConv", operators);
        Assert.DoesNotContain("Conv", operators);
    }

    [Fact]
    public void SameGraphGivesTheSameBytesAndFileExportIsAtomic()
    {
        var first = OnnxQdqExporter.Export(CTestModels.Wide());
        var second = OnnxQdqExporter.Export(CTestModels.Wide());
        Assert.Equal(first, second);

        var dir = CToolchain.TempDir("qdq-file");
        try
        {
            var path = Path.Combine(dir, "model_int8.onnx");
            File.WriteAllText(path, "old");
            OnnxQdqExporter.Export(CTestModels.Wide(), path);
            Assert.Equal(first, File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void FloatGraphsAndIntegerEdgesAreRefused()
    {
        var floatError = Assert.Throws<OnnxExportException>(() => OnnxQdqExporter.Export(OnnxTestGraphs.ConvolutionBlock()));
        Assert.Contains("it is a float graph", floatError.Message);

        var edgeError = Assert.Throws<OnnxExportException>(() => OnnxQdqExporter.Export(CTestModels.Tiny()));
        Assert.Contains("'image' int8", edgeError.Message);
        Assert.Contains("target 'onnx'", edgeError.Message);
    }

    [Fact]
    public void ShippedEdgeNanoPassesTheFullCheckerAndAgreesWithTheInterpreterOnFashionMnist()
    {
        var fallback = ArchCatalog.Resolve(ModelConfigText.Load(null), "edge_nano", inputSize: 32, inputChannels: 1, numClasses: 10);
        var int8 = StaticQuantization.ToInt8(ModelSource.Load(ShippedInt8, fallback), () => throw new InvalidOperationException("the shipped model is quantized"));
        var model = OnnxQdqExporter.Export(int8);

        Assert.StartsWith("checked", OnnxChecker.Check(model));
        var operators = OptimizedOperators(model);
        // Every convolution, the classifier, the SE multiplies, residual adds and pools run as integer kernels.
        Assert.Equal(38, operators.Count(o => o == "QLinearConv"));
        Assert.Contains("QGemm", operators);
        Assert.DoesNotContain("Conv", operators);
        Assert.DoesNotContain("Mul", operators);
        Assert.DoesNotContain("Add", operators);

        var dataset = DatasetsConfig.Load(DatasetsConfig.DefaultPath).Find("fashion-mnist", "test");
        var images = new NhwcImages(DatasetLoader.LoadTest(dataset, 50), dataset, fallback, "test");
        var interpreter = new Int8Interpreter(int8);
        var quant = interpreter.InputQuantization;
        var sameTop = 0;
        var maxSteps = 0;
        for (var i = 0; i < images.Count; i++)
        {
            var q = images.Read(i).Select(quant.Quantize).ToArray();
            var expected = interpreter.Run(q);
            var actual = QdqComparison.RunOnnx(model, int8, interpreter, q);
            sameTop += ArgMax(expected) == ArgMax(actual) ? 1 : 0;
            maxSteps = Math.Max(maxSteps, expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second)));
        }

        // Through 61 operators the one-step rounding differences of single operators compound (README:
        // "model_int8.onnx under ONNX Runtime"); on these 50 images the logits differ by at most 7 steps (10 over
        // the whole test split) and the predicted class never changes.
        Assert.Equal(images.Count, sameTop);
        Assert.InRange(maxSteps, 1, 7);
    }

    private static List<string> OptimizedOperators(byte[] model)
    {
        var dir = CToolchain.TempDir("qdq-optimized");
        try
        {
            var path = Path.Combine(dir, "optimized.onnx");
            using (var options = new SessionOptions { IntraOpNumThreads = 1, OptimizedModelFilePath = path })
            using (new InferenceSession(model, options))
            {
            }

            return global::Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph.Node.Select(n => n.OpType).ToList();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static int ArgMax(sbyte[] values) => Array.IndexOf(values, values.Max());
}
