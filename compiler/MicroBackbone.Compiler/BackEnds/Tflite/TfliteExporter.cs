using System.Text;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Compiler.IO;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>
/// Exports an IR graph (float32, or int8 with per-channel weights) to a TFLite flatbuffer (schema v3) that TFLite
/// and TFLite Micro run with builtin operators only. Int8 graphs become full-integer models by default: the float
/// input Quantize and output Dequantize are dropped so the model's input and output are int8 (keep them with
/// <see cref="TfliteExportOptions.KeepFloatEdges"/>). The file carries <c>min_runtime_version</c> metadata and a
/// <c>serving_default</c> signature. Output bytes are a pure function of the graph and options.
/// </summary>
public static class TfliteExporter
{
    /// <summary>The signature key of the exported entry point.</summary>
    public const string SignatureKey = "serving_default";

    /// <summary>
    /// Metadata entry holding the graph's class labels as UTF-8, one per line, so an import restores them (TFLite
    /// runtimes ignore unknown metadata).
    /// </summary>
    public const string ClassNamesMetadata = "mb_class_names";

    /// <summary>Exports <paramref name="graph"/> to TFLite flatbuffer bytes.</summary>
    /// <exception cref="TfliteConversionException">An operator or quantization TFLite cannot express.</exception>
    public static byte[] Export(IrGraph graph, TfliteExportOptions? options = null) => TfliteWriter.Write(ToModel(graph, options));

    /// <summary>Exports <paramref name="graph"/> to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static void WriteFile(IrGraph graph, string path, TfliteExportOptions? options = null) =>
        AtomicFile.WriteAllBytes(path, Export(graph, options));

    /// <summary>Exports <paramref name="graph"/> to the TFLite object model (before serialization).</summary>
    public static TfliteModel ToModel(IrGraph graph, TfliteExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= TfliteExportOptions.Default;
        GraphValidator.Validate(graph);
        var g = options.KeepFloatEdges ? graph : EdgeQuantization.Strip(graph);
        var model = new TfliteModelAssembler(g);
        var inputs = g.Inputs.Select(id => model.Tensor(id)).ToList();
        for (var i = 0; i < g.Operators.Count; i++)
        {
            Lower(new TfliteExportContext(g, model, g.Operators[i], i));
        }

        var outputs = g.Outputs.Select(id => model.Tensor(id)).ToList();
        var built = model.Build(options.Description, inputs, outputs);
        var signature = new TfliteSignature(
            SignatureKey,
            0,
            StructuralList.From(g.Inputs.Select((id, i) => new TfliteTensorMap(g.Tensor(id).Name, inputs[i]))),
            StructuralList.From(g.Outputs.Select((id, i) => new TfliteTensorMap(g.Tensor(id).Name, outputs[i]))));
        var runtime = TfliteOpVersions.Max(model.Codes.Select(c => TfliteOpVersions.MinRuntime(c.BuiltinCode, c.Version)));
        built = (built with { Signatures = [signature] }).WithMinRuntimeVersion(runtime);
        if (g.ClassNames.Count == 0)
        {
            return built;
        }

        // A label cannot contain the separator; a line break inside one becomes a space.
        var labels = new TfliteBuffer(Encoding.UTF8.GetBytes(string.Join("\n", g.ClassNames.Select(n => n.Replace('\n', ' ')))));
        return built with
        {
            Buffers = StructuralList.From(built.Buffers.Append(labels)),
            Metadata = StructuralList.From(built.Metadata.Append(new TfliteMetadata(ClassNamesMetadata, built.Buffers.Count))),
        };
    }

    /// <summary>
    /// RELU6: the int8 spec's RELU6 is TFLite Micro's (a clamp in the input's quantization, no rescaling; INT8.md §9),
    /// so it maps one to one.
    /// </summary>
    private static void Relu6(TfliteExportContext c, int x) => c.Emit(TfliteBuiltinOperator.Relu6, new[] { x });

    private static void Lower(TfliteExportContext c)
    {
        var m = c.Model;
        var x = m.Tensor(c.Op.Inputs[0]);
        switch (c.Op.Kind)
        {
            case IrOpKind.Conv2D:
                TfliteConvolutionLowering.Conv2D(c);
                break;
            case IrOpKind.DepthwiseConv2D:
                TfliteConvolutionLowering.DepthwiseConv2D(c);
                break;
            case IrOpKind.FullyConnected:
                TfliteConvolutionLowering.FullyConnected(c);
                break;
            case IrOpKind.AveragePool2D:
                TfliteConvolutionLowering.Pool(c, TfliteBuiltinOperator.AveragePool2D);
                break;
            case IrOpKind.MaxPool2D:
                TfliteConvolutionLowering.Pool(c, TfliteBuiltinOperator.MaxPool2D);
                break;
            case IrOpKind.Add:
                c.Emit(TfliteBuiltinOperator.Add, new[] { x, m.Tensor(c.Op.Inputs[1]) }, new TfliteAddOptions(TfliteExportContext.Activation(c.Op.FusedActivation)));
                break;
            case IrOpKind.Mul:
                c.Emit(TfliteBuiltinOperator.Mul, new[] { x, m.Tensor(c.Op.Inputs[1]) }, new TfliteMulOptions(TfliteExportContext.Activation(c.Op.FusedActivation)));
                break;
            case IrOpKind.Sub:
                c.Emit(TfliteBuiltinOperator.Sub, new[] { x, m.Tensor(c.Op.Inputs[1]) }, new TfliteSubOptions(TfliteExportContext.Activation(c.Op.FusedActivation)));
                break;
            case IrOpKind.Shift:
                TfliteDepthwiseForms.Shift(c);
                break;
            case IrOpKind.HardSigmoid:
                TfliteDepthwiseForms.HardSigmoid(c);
                break;
            case IrOpKind.GlobalAveragePool:
                // MEAN over H, W with keep_dims is what the int8 spec's Mean kernel reproduces bit for bit (TFLM's
                // reduce kernel); AVERAGE_POOL_2D would need equal in/out quantization and rounds differently.
                c.Emit(TfliteBuiltinOperator.Mean, new[] { x, m.ConstantInt32($"{c.Op.Name}/axes", new[] { 2 }, new[] { 1, 2 }) }, new TfliteReducerOptions(true));
                break;
            case IrOpKind.Pad:
                {
                    var p = c.Op.AttributesAs<PadAttributes>().Padding;
                    var paddings = m.ConstantInt32($"{c.Op.Name}/paddings", new[] { 4, 2 }, new[] { 0, 0, p.Top, p.Bottom, p.Left, p.Right, 0, 0 });
                    c.Emit(TfliteBuiltinOperator.Pad, new[] { x, paddings }, new TflitePadOptions());
                    break;
                }

            case IrOpKind.Reshape:
                {
                    var shape = c.Output.Shape.ToArray();
                    var target = m.ConstantInt32($"{c.Op.Name}/shape", new[] { shape.Length }, shape);
                    c.Emit(TfliteBuiltinOperator.Reshape, new[] { x, target }, new TfliteReshapeOptions(shape));
                    break;
                }

            case IrOpKind.Relu:
                c.Emit(TfliteBuiltinOperator.Relu, new[] { x });
                break;
            case IrOpKind.Relu6:
                Relu6(c, x);
                break;
            case IrOpKind.HardSwish:
                c.Emit(TfliteBuiltinOperator.HardSwish, new[] { x });
                break;
            case IrOpKind.Sigmoid:
                c.RequireFixedOutputQuantization(LogisticParams.OutputQuantization);
                c.Emit(TfliteBuiltinOperator.Logistic, new[] { x });
                break;
            case IrOpKind.Softmax:
                c.RequireFixedOutputQuantization(SoftmaxParams.OutputQuantization);
                c.Emit(TfliteBuiltinOperator.Softmax, new[] { x }, new TfliteSoftmaxOptions(c.Op.AttributesAs<SoftmaxAttributes>().Beta));
                break;
            case IrOpKind.Quantize:
                c.Emit(TfliteBuiltinOperator.Quantize, new[] { x });
                break;
            case IrOpKind.Dequantize:
                c.Emit(TfliteBuiltinOperator.Dequantize, new[] { x });
                break;
            case IrOpKind.Maximum or IrOpKind.Minimum:
                c.Emit(c.Op.Kind == IrOpKind.Maximum ? TfliteBuiltinOperator.Maximum : TfliteBuiltinOperator.Minimum,
                    new[] { x, m.Tensor(c.Op.Inputs[1]) }, new TfliteMaximumMinimumOptions());
                break;
            case IrOpKind.Prelu:
                c.Emit(TfliteBuiltinOperator.PRelu, new[] { x, m.Tensor(c.Op.Inputs[1]) });
                break;
            case IrOpKind.Tanh:
                c.Emit(TfliteBuiltinOperator.Tanh, new[] { x });
                break;
            case IrOpKind.LeakyRelu:
                c.Emit(TfliteBuiltinOperator.LeakyRelu, new[] { x }, new TfliteLeakyReluOptions(c.Op.AttributesAs<LeakyReluAttributes>().Alpha));
                break;
            case IrOpKind.ResizeNearestNeighbor or IrOpKind.ResizeBilinear:
                {
                    var a = c.Op.AttributesAs<ResizeAttributes>();
                    var size = m.ConstantInt32($"{c.Op.Name}/size", new[] { 2 }, new[] { a.Height, a.Width });
                    if (c.Op.Kind == IrOpKind.ResizeBilinear)
                    {
                        c.Emit(TfliteBuiltinOperator.ResizeBilinear, new[] { x, size }, new TfliteResizeBilinearOptions(a.AlignCorners, a.HalfPixelCenters));
                    }
                    else
                    {
                        c.Emit(TfliteBuiltinOperator.ResizeNearestNeighbor, new[] { x, size }, new TfliteResizeNearestNeighborOptions(a.AlignCorners, a.HalfPixelCenters));
                    }

                    break;
                }

            case IrOpKind.TransposeConv2D:
                TfliteTransposeConvExport.Export(c);
                break;
            default:
                throw c.Unsupported("TFLite has no equivalent builtin operator");
        }
    }
}
