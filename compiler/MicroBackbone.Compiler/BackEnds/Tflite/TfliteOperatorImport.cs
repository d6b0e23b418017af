using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>Turns one TFLite operator into IR operators (see <see cref="TfliteImporter"/> for what is supported).</summary>
internal static class TfliteOperatorImport
{
    public static void Import(TfliteImportState s, int index)
    {
        var op = s.Subgraph.Operators[index];
        if (op.OpcodeIndex < 0 || op.OpcodeIndex >= s.Model.OperatorCodes.Count)
        {
            throw new TfliteConversionException($"{s.Source}: operator #{index} refers to operator code {op.OpcodeIndex}, but the model has {s.Model.OperatorCodes.Count}");
        }

        var builtin = s.Model.OperatorCodes[op.OpcodeIndex].BuiltinCode;
        var name = TfliteDump.OperatorName(builtin);
        var c = new TfliteImportContext(s, op, index, name);
        if (op.Outputs.Count != 1 && !TfliteLayoutImport.HasSeveralOutputs(builtin))
        {
            throw c.Fail($"has {op.Outputs.Count} outputs; the IR operators have one");
        }

        switch (builtin)
        {
            case TfliteBuiltinOperator.Conv2D:
                {
                    var o = c.Options<TfliteConv2DOptions>();
                    var w = c.InputShape(1);
                    if (w.Count != 4)
                    {
                        throw c.Fail($"has filter (input 1) of shape [{string.Join(", ", w)}]; expected 4 dimensions [out, height, width, in]");
                    }

                    var padding = c.Padding(o.Padding, w[1], w[2], o.StrideH, o.StrideW, o.DilationH, o.DilationW);
                    var groups = TfliteConvGroups.Of(c, w);
                    c.Add(IrOpKind.Conv2D, c.WeightOperands(), new Conv2DAttributes(o.StrideH, o.StrideW, padding, o.DilationH, o.DilationW, c.Activation(o.Activation), groups));
                    break;
                }

            case TfliteBuiltinOperator.DepthwiseConv2D:
                TfliteDepthwiseImport.Import(c);
                break;
            case TfliteBuiltinOperator.FullyConnected:
                {
                    var o = c.Options<TfliteFullyConnectedOptions>();
                    if (o.KeepNumDims && c.InputShape(0).Count != 2)
                    {
                        throw c.Fail("keep_num_dims on an input of rank other than 2 is not supported");
                    }

                    c.Add(IrOpKind.FullyConnected, c.WeightOperands(), new FullyConnectedAttributes(c.Activation(o.Activation)));
                    break;
                }

            case TfliteBuiltinOperator.AveragePool2D or TfliteBuiltinOperator.MaxPool2D:
                {
                    var o = c.Options<TflitePool2DOptions>();
                    var padding = c.Padding(o.Padding, o.FilterHeight, o.FilterWidth, o.StrideH, o.StrideW, 1, 1);
                    var kind = builtin == TfliteBuiltinOperator.AveragePool2D ? IrOpKind.AveragePool2D : IrOpKind.MaxPool2D;
                    c.Add(kind, new[] { c.In(0) }, new Pool2DAttributes(o.FilterHeight, o.FilterWidth, o.StrideH, o.StrideW, padding, c.Activation(o.Activation)));
                    break;
                }

            case TfliteBuiltinOperator.Add:
                c.Elementwise(IrOpKind.Add, c.Options<TfliteAddOptions>().Activation);
                break;
            case TfliteBuiltinOperator.Mul:
                c.Elementwise(IrOpKind.Mul, c.Options<TfliteMulOptions>().Activation);
                break;
            case TfliteBuiltinOperator.Reshape:
                c.Add(IrOpKind.Reshape, new[] { c.In(0) }, new ReshapeAttributes(new EquatableArray<int>(c.OutputShape())));
                break;
            case TfliteBuiltinOperator.Softmax:
                c.Add(IrOpKind.Softmax, new[] { c.In(0) }, new SoftmaxAttributes(c.Options<TfliteSoftmaxOptions>().Beta));
                break;
            case TfliteBuiltinOperator.Pad:
                {
                    var p = c.IntInput(1, "paddings");
                    if (c.InputShape(0).Count != 4 || p.Length != 8 || p[0] != 0 || p[1] != 0 || p[6] != 0 || p[7] != 0)
                    {
                        TfliteLayoutImport.PadV2(c);
                        break;
                    }

                    c.Add(IrOpKind.Pad, new[] { c.In(0) }, new PadAttributes(new Padding2D(p[2], p[4], p[3], p[5])));
                    break;
                }

            case TfliteBuiltinOperator.Mean:
                Mean(c);
                break;
            case TfliteBuiltinOperator.Quantize:
                c.Add(IrOpKind.Quantize, new[] { c.In(0) });
                break;
            case TfliteBuiltinOperator.Dequantize:
                c.Add(IrOpKind.Dequantize, new[] { c.In(0) });
                break;
            case TfliteBuiltinOperator.Logistic:
                c.Add(IrOpKind.Sigmoid, new[] { c.In(0) });
                break;
            case TfliteBuiltinOperator.HardSwish:
                c.Add(IrOpKind.HardSwish, new[] { c.In(0) });
                break;
            case TfliteBuiltinOperator.Relu:
                c.Add(IrOpKind.Relu, new[] { c.In(0) });
                break;
            case TfliteBuiltinOperator.Relu6:
                c.Add(IrOpKind.Relu6, new[] { c.In(0) });
                break;
            case TfliteBuiltinOperator.Concatenation:
                TfliteLayoutImport.Concatenation(c);
                break;
            case TfliteBuiltinOperator.StridedSlice:
                TfliteLayoutImport.StridedSlice(c);
                break;
            case TfliteBuiltinOperator.Slice:
                TfliteLayoutImport.Slice(c);
                break;
            case TfliteBuiltinOperator.Split:
                TfliteLayoutImport.Split(c, c.Options<TfliteSplitOptions>().NumSplits);
                break;
            case TfliteBuiltinOperator.SplitV:
                TfliteLayoutImport.SplitV(c, c.Options<TfliteSplitVOptions>().NumSplits);
                break;
            case TfliteBuiltinOperator.Transpose:
                TfliteLayoutImport.Transpose(c);
                break;
            case TfliteBuiltinOperator.PadV2:
                if (!TfliteMaxPoolPadding.TryFoldIntoMaxPool(c))
                {
                    TfliteLayoutImport.PadV2(c);
                }

                break;
            case TfliteBuiltinOperator.Squeeze:
                TfliteLayoutImport.Squeeze(c);
                break;
            case TfliteBuiltinOperator.ExpandDims:
                TfliteLayoutImport.ExpandDims(c);
                break;
            case TfliteBuiltinOperator.Sub:
                TfliteBinaryImport.Import(c, IrOpKind.Sub, new ElementwiseAttributes(c.Activation(c.Options<TfliteSubOptions>().Activation)));
                break;
            case TfliteBuiltinOperator.Maximum:
                TfliteBinaryImport.Import(c, IrOpKind.Maximum);
                break;
            case TfliteBuiltinOperator.Minimum:
                TfliteBinaryImport.Import(c, IrOpKind.Minimum);
                break;
            case TfliteBuiltinOperator.PRelu:
                TfliteBinaryImport.Import(c, IrOpKind.Prelu);
                break;
            case TfliteBuiltinOperator.Tanh:
                c.Add(IrOpKind.Tanh, new[] { c.In(0) });
                break;
            case TfliteBuiltinOperator.LeakyRelu:
                {
                    var alpha = c.Options<TfliteLeakyReluOptions>().Alpha;
                    if (float.IsNaN(alpha) || float.IsInfinity(alpha))
                    {
                        throw c.Fail($"option alpha is {alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)}; expected a finite number");
                    }

                    c.Add(IrOpKind.LeakyRelu, new[] { c.In(0) }, new LeakyReluAttributes(alpha));
                    break;
                }

            case TfliteBuiltinOperator.ResizeNearestNeighbor:
                {
                    var o = c.Options<TfliteResizeNearestNeighborOptions>();
                    TfliteResizeImport.Import(c, IrOpKind.ResizeNearestNeighbor, o.AlignCorners, o.HalfPixelCenters);
                    break;
                }

            case TfliteBuiltinOperator.ResizeBilinear:
                {
                    var o = c.Options<TfliteResizeBilinearOptions>();
                    TfliteResizeImport.Import(c, IrOpKind.ResizeBilinear, o.AlignCorners, o.HalfPixelCenters);
                    break;
                }

            case TfliteBuiltinOperator.Svdf:
                {
                    var o = c.Options<TfliteSvdfOptions>();
                    TfliteSvdfImport.Import(c, o.Rank, c.Activation(o.Activation));
                    break;
                }

            case TfliteBuiltinOperator.TransposeConv:
                TfliteTransposeConvImport.Import(c, c.Options<TfliteTransposeConvOptions>());
                break;
            default:
                throw c.Fail("is not supported by the TFLite importer (the IR has no equivalent)");
        }
    }

    /// <summary>MEAN over H and W of an NHWC tensor: GlobalAveragePool, plus a Reshape when keep_dims is false.</summary>
    private static void Mean(TfliteImportContext c)
    {
        var axes = c.IntInput(1, "axes").Select(a => a < 0 ? a + 4 : a).OrderBy(a => a).ToArray();
        var shape = c.InputShape(0);
        if (shape.Count != 4 || !axes.SequenceEqual(new[] { 1, 2 }))
        {
            throw c.Fail($"reduces axes [{string.Join(", ", axes)}] of a rank-{shape.Count} tensor; only H and W (1, 2) of NHWC are supported");
        }

        if (c.Options<TfliteReducerOptions>().KeepDims)
        {
            c.Add(IrOpKind.GlobalAveragePool, new[] { c.In(0) });
            return;
        }

        var y = c.OutputTensor;
        var pooled = c.State.NewActivation($"{y.Name}/keep_dims", new[] { shape[0], 1, 1, shape[3] }, y.DataType, y.Quant);
        c.State.Operators.Add(new IrOperator(IrOpKind.GlobalAveragePool, $"{y.Name}/mean", EquatableArray.Of(c.In(0)), EquatableArray.Of(pooled)));
        c.State.Operators.Add(new IrOperator(IrOpKind.Reshape, y.Name, EquatableArray.Of(pooled), EquatableArray.Of(c.Out()), new ReshapeAttributes(y.Shape)));
    }
}
