namespace MicroBackbone.Runtime.SelfCheck;

/// <summary>Runs one computation with the vector paths and with the scalar paths and reports whether the bytes agree.</summary>
internal sealed class PathComparison
{
    private readonly TextWriter log;

    public PathComparison(TextWriter log) => this.log = log;

    /// <summary>Checks run so far.</summary>
    public int Checks { get; private set; }

    /// <summary>Checks whose two paths wrote different bytes.</summary>
    public int Different { get; private set; }

    /// <summary>Runs <paramref name="kernel"/> into two buffers of <paramref name="length"/>, vectorized and scalar.</summary>
    public void Compare<T>(string name, int length, Action<T[]> kernel)
        where T : IEquatable<T>
    {
        var vector = new T[length];
        var scalar = new T[length];
        bool saved = RuntimeFeatures.UseVectorization;
        try
        {
            RuntimeFeatures.UseVectorization = true;
            kernel(vector);
            RuntimeFeatures.UseVectorization = false;
            kernel(scalar);
        }
        finally
        {
            RuntimeFeatures.UseVectorization = saved;
        }

        bool same = vector.AsSpan().SequenceEqual(scalar);
        Checks++;
        Different += same ? 0 : 1;
        log.WriteLine($"{(same ? "same     " : "DIFFERENT")} {name}");
    }
}
