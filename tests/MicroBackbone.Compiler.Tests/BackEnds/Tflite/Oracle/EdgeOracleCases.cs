using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;

/// <summary>
/// The graph's edges (issue 17): two int8 inputs and two int8 outputs (one output also read by the other's
/// operator), a float32 input and output through QUANTIZE and DEQUANTIZE (64 bytes in, as TFLite Micro takes them),
/// two float32 inputs and outputs, and mixed edges (a float32 and an int8 input, a float32 and an int8 output). Built by <see cref="MultiEdgeModels"/>.
/// </summary>
public sealed class EdgeOracleCases : IOracleCaseSource
{
    public IEnumerable<(string Name, byte[] Model)> Cases()
    {
        yield return ("edges_two_in_two_out_int8", TfliteWriter.Write(MultiEdgeModels.TwoInputsTwoOutputs()));
        yield return ("edges_float_edges_fc", TfliteWriter.Write(MultiEdgeModels.FloatEdges()));
        yield return ("edges_two_in_two_out_float", TfliteWriter.Write(MultiEdgeModels.FloatTwoInputsTwoOutputs()));
        yield return ("edges_mixed_float_int8", TfliteWriter.Write(MultiEdgeModels.MixedEdges()));
    }
}
