using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;
using static MicroBackbone.Compiler.BackEnds.C.CLowering;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>Svdf: one <c>mb_svdf_s8</c> call reading and rewriting the operator's static int16 state buffer (an int8
/// state in int16 slots).</summary>
internal static class SvdfLowering
{
    public static void Svdf(CLowering ctx, int index, IrOperator op)
    {
        var g = ctx.Graph;
        var (x, y) = (g.Tensor(op.Inputs[0]), g.Tensor(op.Outputs[0]));
        Int8Bridge.Quant(x, op);
        Int8Bridge.Quant(y, op);
        var feature = g.Tensor(op.Inputs[1]);
        var time = g.Tensor(op.Inputs[2]);
        var state = g.Tensor(op.Inputs[3]);
        if (!((time.DataType == IrDataType.Int16 && state.DataType == IrDataType.Int16) || (time.DataType == IrDataType.Int8 && state.DataType == IrDataType.Int8)))
        {
            throw Int8Bridge.Unsupported(op, $"time weights {time.Describe()} and state {state.Describe()} must be both int16 or both int8");
        }

        SvdfParams p;
        try
        {
            p = SvdfParams.ForOperator(g, op);
        }
        catch (QuantizationException e)
        {
            throw Int8Bridge.Unsupported(op, e.Message);
        }

        var sym = Symbol(index, op);
        var wf = ctx.AddArray(sym, "wf", "int8_t", feature.ReadInt8().Select(v => (long)v).ToList(), $"'{op.Name}' feature weights [{p.Filters}, {p.InputSize}]");
        var wt = ctx.AddArray(sym, "wt", "int16_t", (time.DataType == IrDataType.Int8 ? time.ReadInt8().Select(v => (long)v) : time.ReadInt16().Select(v => (long)v)).ToList(), $"'{op.Name}' time weights [{p.Filters}, {p.Memory}]");
        var bias = op.Inputs.Count > 4
            ? ctx.AddArray(sym, "bias", "int32_t", g.Tensor(op.Inputs[4]).ReadInt32().Select(v => (long)v).ToList(), $"'{op.Name}' bias per unit")
            : "NULL";
        var stateName = ctx.AddState(sym, state);
        ctx.UseKernels("svdf");
        ctx.Layers.Add(new CLayer
        {
            Index = index,
            Comment = CIdentifiers.Comment($"{op.Kind} '{op.Name}' -> {y.DataType.ToMbirName()}{y.Shape}, state {state.DataType.ToMbirName()}{state.Shape}"),
            Symbol = sym,
            ParamsType = "mb_svdf_params_t",
            Function = "mb_svdf_s8",
            Fields = new[]
            {
                F("batches", p.Batches), F("in_n", p.InputSize), F("filters", p.Filters), F("memory", p.Memory), F("rank", p.Rank),
                F("in_zp", p.InputZeroPoint), F("state_zp", p.StateZeroPoint), F("out_zp", p.OutputZeroPoint),
                F("state_min", p.StateMin), F("state_max", p.StateMax), F("state_8bit", p.Int8State ? 1 : 0),
                F("feature_mult", p.FeatureToState.Multiplier), F("feature_shift", p.FeatureToState.Shift),
                F("out_mult", p.StateToOutput.Multiplier), F("out_shift", p.StateToOutput.Shift),
                E("weights_feature", wf), E("weights_time", wt), E("bias", bias),
            },
            Args = new[] { ctx.Pointer(x.Id), stateName, ctx.Pointer(y.Id) },
        });
    }
}
