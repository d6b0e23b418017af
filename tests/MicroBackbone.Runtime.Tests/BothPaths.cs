using MicroBackbone.Runtime;

namespace MicroBackbone.Runtime.Tests;

/// <summary>Runs a kernel call with vectorization on and forced off and returns both outputs.</summary>
internal static class BothPaths
{
    public static (T[] Vector, T[] Scalar) Run<T>(int length, Action<T[]> kernel)
    {
        bool saved = RuntimeFeatures.UseVectorization;
        try
        {
            var vector = new T[length];
            var scalar = new T[length];
            RuntimeFeatures.UseVectorization = true;
            kernel(vector);
            RuntimeFeatures.UseVectorization = false;
            kernel(scalar);
            return (vector, scalar);
        }
        finally
        {
            RuntimeFeatures.UseVectorization = saved;
        }
    }

    /// <summary>
    /// Asserts both paths equal the reference output, byte for byte; the vector path also without its AVX-512 forms
    /// (on machines that have them).
    /// </summary>
    public static void AssertMatches<T>(T[] expected, int length, Action<T[]> kernel)
    {
        (T[] vector, T[] scalar) = Run(length, kernel);
        Assert.Equal(expected, scalar);
        Assert.Equal(expected, vector);
        RuntimeFeatures.UseAvx512 = false;
        try
        {
            (T[] narrower, _) = Run(length, kernel);
            Assert.Equal(expected, narrower);
        }
        finally
        {
            RuntimeFeatures.UseAvx512 = true;
        }
    }
}
