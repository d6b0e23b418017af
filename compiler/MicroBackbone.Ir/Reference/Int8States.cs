namespace MicroBackbone.Ir.Reference;

/// <summary>
/// The state tensors of an int8 graph for <see cref="Int8Interpreter"/>: one int16 buffer (an int8 state in int16 slots) per
/// <see cref="IrTensor.IsState"/> tensor, kept outside the per-tensor activation buffers, alive as long as the
/// interpreter and set to each tensor's <see cref="IrTensor.StateResetValue"/> at the start and by <see cref="Reset"/>.
/// </summary>
internal sealed class Int8States
{
    private readonly Dictionary<int, (short[] Values, short ResetValue)> _byId = new();

    public Int8States(IrGraph graph)
    {
        foreach (IrTensor t in graph.Tensors.Where(t => t.IsState))
        {
            if (t.DataType is not (IrDataType.Int16 or IrDataType.Int8))
            {
                throw new ReferenceInterpreterException($"state tensor {t.Describe()}: the int8 interpreter keeps int16 or int8 state");
            }

            _byId[t.Id] = (new short[t.ElementCount], (short)t.StateResetValue);
        }

        Reset();
    }

    public int Count => _byId.Count;

    public short[] Int16(int id) => _byId[id].Values;

    public void Reset()
    {
        foreach (var (values, resetValue) in _byId.Values)
        {
            values.AsSpan().Fill(resetValue);
        }
    }
}
