using System.Globalization;
using System.Text;
using MicroBackbone.Ir;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.BackEnds.TorchScript;

/// <summary>
/// Writes the TorchScript class for a float IR graph: a <c>forward(x)</c> over NCHW tensors, as PyTorch users call
/// models, with the weights as module parameters (conv weights back in OIHW) and shift channel orders as buffers.
/// IR activations are NHWC; every rank-4 value here is its NCHW permutation, and a reshape goes through NHWC so the
/// element order matches the IR's.
/// </summary>
internal sealed class TorchScriptSource
{
    public const string ClassName = "MicroBackboneModel";

    private readonly IrGraph _graph;
    private readonly StringBuilder _body = new();
    private readonly List<(string Name, Tensor Value)> _parameters = new();
    private readonly List<(string Name, Tensor Value)> _buffers = new();

    private TorchScriptSource(IrGraph graph) => _graph = graph;

    /// <summary>Parameters and buffers in declaration order, and the class source.</summary>
    public static (IReadOnlyList<(string Name, Tensor Value)> Parameters, IReadOnlyList<(string Name, Tensor Value)> Buffers, string Code) Generate(IrGraph graph)
    {
        var source = new TorchScriptSource(graph);
        string code = source.Write();
        return (source._parameters, source._buffers, code);
    }

    private string Write()
    {
        if (_graph.Inputs.Count != 1 || _graph.Outputs.Count != 1)
        {
            throw new TorchScriptExportException($"TorchScript: graph '{_graph.Name}' must have one input and one output");
        }
        if (_graph.Tensors.Any(t => t.DataType != IrDataType.Float32))
        {
            throw new TorchScriptExportException($"TorchScript: graph '{_graph.Name}' is not all float32; export the float model");
        }
        Line($"{V(_graph.Inputs[0])} = x");
        foreach (IrOperator op in _graph.Operators)
        {
            Lower(op);
        }
        Line($"return {V(_graph.Outputs[0])}");

        var code = new StringBuilder();
        code.Append("class ").Append(ClassName).Append("(Module):\n");
        code.Append("  __parameters__ = [").Append(string.Concat(_parameters.Select(p => $"\"{p.Name}\", "))).Append("]\n");
        code.Append("  __buffers__ = [").Append(string.Concat(_buffers.Select(p => $"\"{p.Name}\", "))).Append("]\n");
        foreach ((string name, Tensor _) in _parameters.Concat(_buffers))
        {
            code.Append("  ").Append(name).Append(" : Tensor\n");
        }
        code.Append("  training : bool\n");
        code.Append("  def forward(self: __torch__.").Append(ClassName).Append(",\n    x: Tensor) -> Tensor:\n");
        code.Append(_body);
        return code.ToString();
    }

    private void Lower(IrOperator op)
    {
        string x = V(op.Inputs[0]), y = V(op.Outputs[0]);
        IrTensor input = _graph.Tensor(op.Inputs[0]);
        switch (op.Kind)
        {
            case IrOpKind.Conv2D:
                {
                    var a = op.AttributesAs<Conv2DAttributes>();
                    // OHWI -> OIHW.
                    string w = Parameter(Weights(op.Inputs[1]).permute(0, 3, 1, 2));
                    Convolution(op, x, y, w, a.StrideH, a.StrideW, a.Padding, a.DilationH, a.DilationW, a.Groups, a.Activation);
                    break;
                }

            case IrOpKind.DepthwiseConv2D:
                {
                    var a = op.AttributesAs<DepthwiseConv2DAttributes>();
                    // 1HWO -> [O, 1, H, W]; one group per input channel.
                    string w = Parameter(Weights(op.Inputs[1]).permute(3, 0, 1, 2));
                    if (a.DepthMultiplier != 1)
                    {
                        throw Unsupported(op, "depth multiplier other than 1");
                    }
                    Convolution(op, x, y, w, a.StrideH, a.StrideW, a.Padding, a.DilationH, a.DilationW, input.Shape[3], a.Activation);
                    break;
                }

            case IrOpKind.FullyConnected:
                {
                    string w = Parameter(Weights(op.Inputs[1]));
                    string b = op.Inputs.Count > 2 ? "self." + Parameter(Weights(op.Inputs[2])) : "None";
                    string flat = input.Shape.Count == 2 ? x : Nhwc(x, input) + $".reshape([{input.Shape[0]}, -1])";
                    Line($"{y} = torch.linear({flat}, self.{w}, {b})");
                    Activate(y, op.AttributesAs<FullyConnectedAttributes>().Activation);
                    break;
                }

            case IrOpKind.Add:
            case IrOpKind.Mul:
                Line($"{y} = torch.{(op.Kind == IrOpKind.Add ? "add" : "mul")}({x}, {V(op.Inputs[1])})");
                Activate(y, op.AttributesAs<ElementwiseAttributes>().Activation);
                break;
            case IrOpKind.Shift:
                Shift(op, x, y, input);
                break;
            case IrOpKind.GlobalAveragePool:
                Line($"{y} = torch.mean({x}, [2, 3], True)");
                break;
            case IrOpKind.AveragePool2D:
            case IrOpKind.MaxPool2D:
                {
                    var a = op.AttributesAs<Pool2DAttributes>();
                    Padding2D p = a.Padding;
                    if (p.Top != p.Bottom || p.Left != p.Right)
                    {
                        throw Unsupported(op, "asymmetric pooling padding");
                    }
                    string window = $"[{a.FilterH}, {a.FilterW}], [{a.StrideH}, {a.StrideW}], [{p.Top}, {p.Left}]";
                    // IR average pooling does not count padding cells (count_include_pad False).
                    Line(op.Kind == IrOpKind.AveragePool2D
                        ? $"{y} = torch.avg_pool2d({x}, {window}, False, False)"
                        : $"{y} = torch.max_pool2d({x}, {window}, [1, 1], False)");
                    Activate(y, a.Activation);
                    break;
                }

            case IrOpKind.Pad:
                {
                    Padding2D p = op.AttributesAs<PadAttributes>().Padding;
                    Line($"{y} = torch.constant_pad_nd({x}, [{p.Left}, {p.Right}, {p.Top}, {p.Bottom}], 0.)");
                    break;
                }

            case IrOpKind.Reshape:
                {
                    IrTensor output = _graph.Tensor(op.Outputs[0]);
                    string shape = string.Join(", ", output.Shape);
                    string reshaped = $"torch.reshape({Nhwc(x, input)}, [{shape}])";
                    Line(output.Shape.Count == 4 ? $"{y} = torch.permute({reshaped}, [0, 3, 1, 2])" : $"{y} = {reshaped}");
                    break;
                }

            case IrOpKind.Relu:
                Line($"{y} = torch.relu({x})");
                break;
            case IrOpKind.Relu6:
                Line($"{y} = torch.hardtanh({x}, 0., 6.)");
                break;
            case IrOpKind.HardSigmoid:
                Line($"{y} = torch.hardsigmoid({x})");
                break;
            case IrOpKind.HardSwish:
                Line($"{y} = torch.hardswish({x})");
                break;
            case IrOpKind.Sigmoid:
                Line($"{y} = torch.sigmoid({x})");
                break;
            case IrOpKind.Softmax:
                {
                    double beta = op.AttributesAs<SoftmaxAttributes>().Beta;
                    string scaled = beta == 1.0 ? x : $"torch.mul({x}, {F(beta)})";
                    // The IR's last dimension is channels: dimension 1 of an NCHW value.
                    Line($"{y} = torch.softmax({scaled}, {(input.Shape.Count == 4 ? 1 : -1)})");
                    break;
                }

            default:
                throw Unsupported(op, "this operator");
        }
    }

    private void Convolution(IrOperator op, string x, string y, string w, int strideH, int strideW, Padding2D p, int dilationH, int dilationW,
        int groups, FusedActivation activation)
    {
        string b = op.Inputs.Count > 2 ? "self." + Parameter(Weights(op.Inputs[2])) : "None";
        string padded = x;
        int padH = p.Top, padW = p.Left;
        if (p.Top != p.Bottom || p.Left != p.Right)
        {
            padded = $"torch.constant_pad_nd({x}, [{p.Left}, {p.Right}, {p.Top}, {p.Bottom}], 0.)";
            padH = padW = 0;
        }
        Line($"{y} = torch.conv2d({padded}, self.{w}, {b}, [{strideH}, {strideW}], [{padH}, {padW}], [{dilationH}, {dilationW}], {groups})");
        Activate(y, activation);
    }

    // Channels grouped by offset: zero-pad by the largest offset, slice each group's window, concatenate, and put
    // the channels back in their order with a stored permutation.
    private void Shift(IrOperator op, string x, string y, IrTensor input)
    {
        var offsets = op.AttributesAs<ShiftAttributes>().Offsets;
        int m = offsets.Max(o => Math.Max(Math.Abs(o.Dy), Math.Abs(o.Dx)));
        if (m == 0)
        {
            Line($"{y} = {x}");
            return;
        }
        int h = input.Shape[1], w = input.Shape[2];
        var groups = Enumerable.Range(0, offsets.Count).GroupBy(c => (offsets[c].Dy, offsets[c].Dx)).OrderBy(g => g.Min()).ToList();
        Line($"{y}_pad = torch.constant_pad_nd({x}, [{m}, {m}, {m}, {m}], 0.)");
        var parts = new List<string>();
        var order = new List<long>();
        foreach (var group in groups)
        {
            string index = Buffer(tensor(group.Select(c => (long)c).ToArray()));
            (int dy, int dx) = group.Key;
            parts.Add($"torch.index_select({y}_pad, 1, self.{index})[:, :, {m + dy}:{m + dy + h}, {m + dx}:{m + dx + w}]");
            order.AddRange(group.Select(c => (long)c));
        }
        var inverse = new long[order.Count];
        for (int i = 0; i < order.Count; i++)
        {
            inverse[order[i]] = i;
        }
        string back = Buffer(tensor(inverse));
        Line($"{y} = torch.index_select(torch.cat([{string.Join(", ", parts)}], 1), 1, self.{back})");
    }

    private void Activate(string y, FusedActivation activation)
    {
        switch (activation)
        {
            case FusedActivation.None:
                break;
            case FusedActivation.Relu:
                Line($"{y} = torch.relu({y})");
                break;
            case FusedActivation.Relu6:
                Line($"{y} = torch.hardtanh({y}, 0., 6.)");
                break;
            case FusedActivation.ReluN1To1:
                Line($"{y} = torch.hardtanh({y}, -1., 1.)");
                break;
            default:
                throw new TorchScriptExportException($"TorchScript: fused activation {activation} is not supported");
        }
    }

    private Tensor Weights(int id)
    {
        IrTensor t = _graph.Tensor(id);
        if (!t.IsConstant)
        {
            throw new TorchScriptExportException($"TorchScript: {t.Describe()} must be a constant");
        }
        return tensor(t.ReadFloat32(), t.Shape.Select(d => (long)d).ToArray());
    }

    private string Parameter(Tensor value)
    {
        string name = $"p{_parameters.Count}";
        _parameters.Add((name, value.contiguous()));
        return name;
    }

    private string Buffer(Tensor value)
    {
        string name = $"b{_buffers.Count}";
        _buffers.Add((name, value));
        return name;
    }

    private static string Nhwc(string x, IrTensor t) => t.Shape.Count == 4 ? $"torch.permute({x}, [0, 2, 3, 1])" : x;

    private static string V(int id) => "t" + id.ToString(CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private void Line(string statement) => _body.Append("    ").Append(statement).Append('\n');

    private TorchScriptExportException Unsupported(IrOperator op, string what) =>
        new($"TorchScript: operator '{op.Name}' ({op.Kind}): {what} has no TorchScript lowering");
}
