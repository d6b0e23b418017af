namespace MicroBackbone.Ir.Reference.Float;

/// <summary>
/// For a same-rank broadcast (size-1 dimensions repeat), the flat index into one operand for every flat output
/// index. Built once per kernel, so the elementwise loops are a plain lookup.
/// </summary>
internal static class BroadcastIndex
{
    public static int[] Build(EquatableArray<int> operand, EquatableArray<int> output)
    {
        var rank = output.Count;
        var strides = new int[rank];
        var stride = 1;
        for (var d = rank - 1; d >= 0; d--)
        {
            // A repeated (size-1) dimension does not advance the operand.
            strides[d] = operand[d] == 1 ? 0 : stride;
            stride *= operand[d];
        }

        var map = new int[TensorShape.ElementCount(output)];
        for (var i = 0; i < map.Length; i++)
        {
            var rest = i;
            var offset = 0;
            for (var d = rank - 1; d >= 0; d--)
            {
                offset += (rest % output[d]) * strides[d];
                rest /= output[d];
            }

            map[i] = offset;
        }

        return map;
    }
}
