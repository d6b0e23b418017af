using MicroBackbone.Compiler.IO;
using System.Text.Json;
using Google.Protobuf;
using MicroBackbone.Ir;
using Onnx;

namespace MicroBackbone.Compiler.BackEnds.Onnx;

/// <summary>
/// Writes a float32 IR graph as an ONNX model (opset 17) the way PyTorch exports one: rank-4 activations are NCHW at
/// the ONNX boundary and inside (graph input <c>[N, C, H, W]</c>), weights are transposed to ONNX layouts (OIHW;
/// depthwise as a grouped Conv), value and node names are sanitized into identifiers. The same graph always gives the
/// same bytes.
/// </summary>
public static class OnnxExporter
{
    /// <summary>The default-domain opset the model imports.</summary>
    public const int Opset = 17;

    /// <summary>The ONNX IR version matching <see cref="Opset"/>.</summary>
    public const long OnnxIrVersion = 8;

    /// <summary>
    /// Serializes <paramref name="floatGraph"/> to ONNX <c>ModelProto</c> bytes. Throws
    /// <see cref="IrValidationException"/> for a malformed graph and <see cref="OnnxExportException"/> (naming the
    /// operator and target <c>onnx</c>) for one ONNX export cannot express: a non-float32 tensor,
    /// Quantize/Dequantize, or pooling padding as large as the window.
    /// </summary>
    /// <param name="floatGraph">A float32 IR graph (before quantization).</param>
    public static byte[] Export(IrGraph floatGraph)
    {
        GraphValidator.Validate(floatGraph);
        CheckFloat(floatGraph);
        var emitter = new OnnxGraphEmitter(floatGraph);
        for (var i = 0; i < floatGraph.Operators.Count; i++)
        {
            OnnxOperatorLowering.Lower(emitter, i);
        }

        return Serialize(emitter);
    }

    /// <summary>
    /// The model bytes of a lowered graph: its float graph inputs and outputs (NCHW for rank 4), opset
    /// <see cref="Opset"/>, and the source graph's metadata and class names as metadata properties.
    /// </summary>
    internal static byte[] Serialize(OnnxGraphEmitter emitter)
    {
        var source = emitter.Source;
        foreach (var id in source.Inputs)
        {
            emitter.Graph.Input.Add(emitter.ValueInfo(id));
        }

        foreach (var id in source.Outputs)
        {
            emitter.Graph.Output.Add(emitter.ValueInfo(id));
        }

        var model = new ModelProto { IrVersion = OnnxIrVersion, ProducerName = "mbc", Graph = emitter.Graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        foreach (var pair in source.Metadata)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = pair.Key, Value = pair.Value });
        }

        if (source.ClassNames.Count > 0)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = "class_names", Value = JsonSerializer.Serialize(source.ClassNames.ToArray()) });
        }

        return model.ToByteArray();
    }

    /// <summary>
    /// Exports <paramref name="floatGraph"/> to <paramref name="path"/> atomically (a temporary file beside it, then a
    /// rename), so a failed export never leaves a half-written model.
    /// </summary>
    /// <param name="floatGraph">A float32 IR graph.</param>
    /// <param name="path">Destination <c>.onnx</c> file; replaced when it exists.</param>
    public static void Export(IrGraph floatGraph, string path) => AtomicFile.WriteAllBytes(path, Export(floatGraph));

    private static void CheckFloat(IrGraph graph)
    {
        for (var i = 0; i < graph.Operators.Count; i++)
        {
            var op = graph.Operators[i];
            if (op.Kind is IrOpKind.Quantize or IrOpKind.Dequantize)
            {
                throw OnnxExportException.ForOperator(graph, i, op, $"{op.Kind} has no float ONNX form; export the float graph from before quantization");
            }

            foreach (var id in op.Inputs.Concat(op.Outputs))
            {
                var tensor = graph.Tensor(id);
                if (tensor.DataType != IrDataType.Float32)
                {
                    throw OnnxExportException.ForOperator(graph, i, op, $"tensor {tensor.Describe()} is {tensor.DataType.ToMbirName()}; the ONNX back end writes float32 graphs only");
                }
            }
        }

        foreach (var id in graph.Inputs)
        {
            var tensor = graph.Tensor(id);
            if (tensor.DataType != IrDataType.Float32)
            {
                throw new OnnxExportException($"graph '{graph.Name}': input {tensor.Describe()} cannot be exported to target 'onnx': the ONNX back end writes float32 graphs only");
            }
        }
    }
}
