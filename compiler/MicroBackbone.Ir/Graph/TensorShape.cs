namespace MicroBackbone.Ir;

/// <summary>Arithmetic on shapes stored as <see cref="EquatableArray{T}"/> of dimensions.</summary>
public static class TensorShape
{
    /// <summary>Product of the dimensions (1 for a scalar of rank 0).</summary>
    public static long ElementCount(EquatableArray<int> shape)
    {
        long count = 1;
        foreach (var d in shape)
        {
            count *= d;
        }

        return count;
    }

    /// <summary>Builds an NHWC activation shape.</summary>
    public static EquatableArray<int> Nhwc(int n, int h, int w, int c) => EquatableArray.Of(n, h, w, c);
}
