using MicroBackbone.Ir.Format;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Reference;
using MicroBackbone.Generators.Tests.Support;
using MicroBackbone.Runtime;
using MicroBackbone.Samples.RaspberryPi;

namespace MicroBackbone.Generators.Tests.Consumer;

/// <summary>
/// The shipped edge_nano as an app gets it (samples/RaspberryPi's generated class, with its packed filters) against
/// the int8 reference interpreter on the same .mbir: full-size layers take the runtime's fast engines here (packed
/// GEMM, the depthwise pair engine, 16-lane requantization where the CPU has them), the tiny generator-test model
/// does not. Vectorized and scalar, byte for byte.
/// </summary>
public class ShippedModelBitExactTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Generated_edge_nano_equals_the_int8_interpreter(bool vectorized)
    {
        string mbir = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "RaspberryPi", "edge_nano.mbir"));
        var interpreter = new Int8Interpreter(EdgeQuantization.Strip(MbirReader.Read(mbir, "edge_nano.mbir")));
        var random = new Random(7);
        var model = new EdgeNano();
        var output = new sbyte[EdgeNano.OutputLength];
        bool saved = RuntimeFeatures.UseVectorization;
        RuntimeFeatures.UseVectorization = vectorized;
        try
        {
            for (int trial = 0; trial < 8; trial++)
            {
                var input = new sbyte[EdgeNano.InputLength];
                for (int i = 0; i < input.Length; i++)
                {
                    input[i] = (sbyte)random.Next(-128, 128);
                }

                model.Invoke(input, output);
                Assert.Equal(interpreter.Run(input), output);
            }
        }
        finally
        {
            RuntimeFeatures.UseVectorization = saved;
        }
    }
}
