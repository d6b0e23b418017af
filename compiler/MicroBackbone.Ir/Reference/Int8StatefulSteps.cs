using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Ir.Reference;

/// <summary>
/// Prepared steps of the operators that own state (<see cref="IrOpKindFacts.StateOperand"/>) for
/// <see cref="Int8Interpreter"/>: like <see cref="Int8Steps"/>, but the step also reads and rewrites its state buffer.
/// </summary>
internal static class Int8StatefulSteps
{
    public static Action Prepare(IrGraph g, IrOperator op, Dictionary<int, sbyte[]> values, Int8States states)
    {
        switch (op.Kind)
        {
            case IrOpKind.Svdf:
                {
                    IrTensor x = g.Tensor(op.Inputs[0]), feature = g.Tensor(op.Inputs[1]), time = g.Tensor(op.Inputs[2]);
                    IrTensor state = g.Tensor(op.Inputs[3]), y = g.Tensor(op.Outputs[0]);
                    if (x.DataType != IrDataType.Int8)
                    {
                        throw new ReferenceInterpreterException($"operator '{op.Name}' (Svdf): the int8 interpreter needs an int8 input, got {x.Describe()}");
                    }

                    var p = SvdfParams.ForOperator(g, op);
                    sbyte[] input = values[x.Id], output = values[y.Id];
                    sbyte[] weightsFeature = feature.ReadInt8();
                    short[] weightsTime = time.DataType == IrDataType.Int8 ? Array.ConvertAll(time.ReadInt8(), v => (short)v) : time.ReadInt16();
                    int[] bias = op.Inputs.Count > 4 ? g.Tensor(op.Inputs[4]).ReadInt32() : Array.Empty<int>();
                    short[] stateValues = states.Int16(state.Id);
                    var scratch = new int[p.ScratchLength];
                    return () => Svdf.Eval(p, input, weightsFeature, weightsTime, bias, stateValues, scratch, output);
                }

            default:
                throw new ReferenceInterpreterException($"operator '{op.Name}' ({op.Kind}): no stateful int8 step");
        }
    }
}
