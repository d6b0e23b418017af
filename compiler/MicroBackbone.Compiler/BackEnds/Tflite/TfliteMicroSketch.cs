using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Planning;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>
/// Renders <c>esp32_main.cpp</c> (template <c>firmware-templates/esp32-tflm/main/esp32_main.cpp.scriban</c>): an ESP-IDF
/// app that runs an exported model once with TensorFlow Lite Micro, registering exactly the operators the model
/// uses, and prints the top class, the latency and the arena actually used.
/// </summary>
public static class TfliteMicroSketch
{
    /// <summary>The generated file's name.</summary>
    public const string FileName = "esp32_main.cpp";

    private const string TemplatePath = "esp32-tflm/main/esp32_main.cpp.scriban";

    /// <summary>
    /// Renders the sketch for <paramref name="graph"/> exported as <paramref name="model"/> (the bytes
    /// <see cref="TfliteExporter.Export"/> returned for it), including <see cref="TfliteCArray.FileName"/> whose array
    /// is named after <paramref name="name"/>. <paramref name="sampleInput"/> (int8, one value per input element) is
    /// embedded when given; otherwise the input is all zero.
    /// </summary>
    public static string Render(IrGraph graph, byte[] model, string name, sbyte[]? sampleInput = null) =>
        RenderTemplate(TemplatePath, Build(graph, model, name, sampleInput));

    /// <summary>The values every template of <c>firmware-templates/esp32-tflm/</c> reads.</summary>
    internal static object Build(IrGraph graph, byte[] model, string name, sbyte[]? sampleInput)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var tflite = TfliteReader.Read(model, name + ".tflite");
        var subgraph = tflite.Subgraphs[0];
        var input = subgraph.Tensors[subgraph.Inputs[0]];
        var output = subgraph.Tensors[subgraph.Outputs[0]];
        var inputCount = input.Shape.Aggregate(1, (p, d) => p * d);
        if (sampleInput is not null && (input.Type != TfliteTensorType.Int8 || sampleInput.Length != inputCount))
        {
            throw new TfliteConversionException(
                $"model '{name}': the sample input has {sampleInput.Length} int8 values, the model input is {input.Type} with {inputCount} elements");
        }

        var (planned, margin, marginText) = Arena(graph, tflite);
        var sketch = new SketchModel
        {
            NameComment = CIdentifiers.Comment(name),
            ProjectName = CIdentifiers.Identifier(name, "model") + "_tflm",
            ArrayName = TfliteCArray.ArrayName(name),
            PlannedArenaBytes = planned,
            MarginBytes = margin,
            MarginText = marginText,
            ArenaBytes = planned + margin,
            ClassNames = graph.ClassNames.Select(CLiterals.String).ToList(),
            ResolverCalls = ResolverCalls(tflite),
            InputType = "int8_t",
            InputField = Field(input.Type, "input"),
            InputSize = inputCount,
            SampleInputLines = sampleInput is null ? Array.Empty<string>() : CLiterals.Lines(sampleInput.Select(v => (long)v)),
            OutputField = Field(output.Type, "output"),
            OutputCount = output.Shape.Aggregate(1, (p, d) => p * d),
        };
        return sketch;
    }

    /// <summary>
    /// The <c>MicroMutableOpResolver</c> calls (e.g. <c>AddConv2D</c>) for the model's operator codes, once per
    /// builtin, in operator-table order.
    /// </summary>
    public static IReadOnlyList<string> ResolverCalls(TfliteModel model) =>
        model.OperatorCodes.Select(c => c.BuiltinCode).Distinct().Select(op => op switch
        {
            TfliteBuiltinOperator.Add => "AddAdd",
            TfliteBuiltinOperator.AveragePool2D => "AddAveragePool2D",
            TfliteBuiltinOperator.Concatenation => "AddConcatenation",
            TfliteBuiltinOperator.Conv2D => "AddConv2D",
            TfliteBuiltinOperator.DepthwiseConv2D => "AddDepthwiseConv2D",
            TfliteBuiltinOperator.Dequantize => "AddDequantize",
            TfliteBuiltinOperator.FullyConnected => "AddFullyConnected",
            TfliteBuiltinOperator.Logistic => "AddLogistic",
            TfliteBuiltinOperator.MaxPool2D => "AddMaxPool2D",
            TfliteBuiltinOperator.Mul => "AddMul",
            TfliteBuiltinOperator.Relu => "AddRelu",
            TfliteBuiltinOperator.Relu6 => "AddRelu6",
            TfliteBuiltinOperator.Reshape => "AddReshape",
            TfliteBuiltinOperator.Softmax => "AddSoftmax",
            TfliteBuiltinOperator.Pad => "AddPad",
            TfliteBuiltinOperator.Mean => "AddMean",
            TfliteBuiltinOperator.Sub => "AddSub",
            TfliteBuiltinOperator.StridedSlice => "AddStridedSlice",
            TfliteBuiltinOperator.Quantize => "AddQuantize",
            TfliteBuiltinOperator.HardSwish => "AddHardSwish",
            TfliteBuiltinOperator.Maximum => "AddMaximum",
            TfliteBuiltinOperator.Minimum => "AddMinimum",
            TfliteBuiltinOperator.PRelu => "AddPrelu",
            TfliteBuiltinOperator.Tanh => "AddTanh",
            TfliteBuiltinOperator.LeakyRelu => "AddLeakyRelu",
            TfliteBuiltinOperator.ResizeNearestNeighbor => "AddResizeNearestNeighbor",
            TfliteBuiltinOperator.ResizeBilinear => "AddResizeBilinear",
            TfliteBuiltinOperator.PadV2 => "AddPadV2",
            TfliteBuiltinOperator.TransposeConv => "AddTransposeConv",
            _ => throw new TfliteConversionException($"operator {TfliteDump.OperatorName(op)} has no TFLite Micro resolver call known to mbc"),
        }).ToList();

    /// <summary>
    /// The tensor arena: the activations mbc's <see cref="MemoryPlanner"/> needs for the full-integer graph, plus a
    /// margin for what TFLite Micro adds: 25% because its greedy planner packs less tightly than ours, 64 bytes per
    /// tensor (TfLiteEvalTensor and planner records), 8 bytes per output channel of every convolution and fully
    /// connected operator (per-channel multipliers and shifts), 256 bytes per operator (node data), and 4 KiB for
    /// kernel scratch buffers; rounded up to 16 bytes.
    /// </summary>
    internal static (long Planned, long Margin, string Text) Arena(IrGraph graph, TfliteModel model)
    {
        var planned = MemoryPlanner.Plan(EdgeQuantization.Strip(graph)).ArenaBytes;
        var subgraph = model.Subgraphs[0];
        long channels = subgraph.Operators
            .Where(o => model.OperatorCodes[o.OpcodeIndex].BuiltinCode is TfliteBuiltinOperator.Conv2D or TfliteBuiltinOperator.DepthwiseConv2D or TfliteBuiltinOperator.FullyConnected)
            .Sum(o => (long)subgraph.Tensors[o.Outputs[0]].Shape[^1]);
        var margin = (planned / 4) + (64L * subgraph.Tensors.Count) + (8 * channels) + (256L * subgraph.Operators.Count) + 4096;
        margin += (16 - ((planned + margin) % 16)) % 16;
        return (planned, margin, "25% planner slack, 64 B per tensor, 8 B per conv/fc output channel, 256 B per operator, 4 KiB kernel scratch");
    }

    private static string Field(TfliteTensorType type, string role) => type switch
    {
        TfliteTensorType.Int8 => "int8",
        TfliteTensorType.Float32 => "f",
        _ => throw new TfliteConversionException($"the model's {role} is {type}; the sketch handles int8 and float32"),
    };

    /// <summary>Renders the embedded template at <paramref name="path"/> (under <c>firmware-templates/</c>) with <c>sketch</c> bound.</summary>
    internal static string RenderTemplate(string path, object sketch) => CTemplates.Render(path, "sketch", sketch);

    /// <summary>What the template reads (Scriban sees the properties in snake_case).</summary>
    private sealed class SketchModel
    {
        public required string NameComment { get; init; }

        public required string ProjectName { get; init; }

        public required string ArrayName { get; init; }

        public required long PlannedArenaBytes { get; init; }

        public required long MarginBytes { get; init; }

        public required string MarginText { get; init; }

        public required long ArenaBytes { get; init; }

        public required IReadOnlyList<string> ClassNames { get; init; }

        public required IReadOnlyList<string> ResolverCalls { get; init; }

        public required string InputType { get; init; }

        public required string InputField { get; init; }

        public required int InputSize { get; init; }

        public required IReadOnlyList<string> SampleInputLines { get; init; }

        public required string OutputField { get; init; }

        public required int OutputCount { get; init; }
    }
}
