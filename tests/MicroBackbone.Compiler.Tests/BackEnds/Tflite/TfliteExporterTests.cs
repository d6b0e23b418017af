using ApprovalTests;
using ApprovalTests.Reporters;
using Google.FlatBuffers;
using MicroBackbone.Compiler.BackEnds.Tflite;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>What the exporter writes: verified files, operator codes and versions, options, quantization, metadata.</summary>
[UseReporter(typeof(QuietReporter))]
public class TfliteExporterTests
{
    private static TfliteModel Read(byte[] bytes) => TfliteReader.Read(bytes, "exported.tflite");

    private static string Op(TfliteModel m, TfliteOperator op) => TfliteDump.OperatorName(m.OperatorCodes[op.OpcodeIndex].BuiltinCode);

    [Fact]
    public void Exported_files_verify_and_read_back_to_exactly_the_written_model()
    {
        foreach (var graph in TfliteIrTestModels.Int8Graphs().Append(TfliteIrTestModels.Float()))
        {
            var model = TfliteExporter.ToModel(graph);
            var bytes = TfliteWriter.Write(model);
            Assert.True(bytes.Length <= TfliteFileVerifier.MaxVerifiableLength, graph.Name);
            TfliteFileVerifier.Verify(new ByteBuffer(bytes), graph.Name);

            // Record equality covers every field the exporter set: tensors, quantization, buffers, options, metadata.
            Assert.Equal(model, Read(bytes));
            Assert.Equal(bytes, TfliteExporter.Export(graph));
        }
    }

    [Fact]
    public void Tiny_int8_model_has_the_expected_operators_versions_and_quantization()
    {
        var m = Read(TfliteExporter.Export(CTestModels.Tiny()));
        var g = m.Subgraphs[0];

        Assert.Equal(
            new[] { "CONV_2D/3", "RELU/2", "DEPTHWISE_CONV_2D/3", "ADD/2", "MEAN/2", "RESHAPE/1", "FULLY_CONNECTED/4" },
            m.OperatorCodes.Select(c => $"{TfliteDump.OperatorName(c.BuiltinCode)}/{c.Version}").ToArray());
        Assert.Equal(
            new[] { "CONV_2D", "RELU", "DEPTHWISE_CONV_2D", "DEPTHWISE_CONV_2D", "ADD", "MEAN", "RESHAPE", "FULLY_CONNECTED" },
            g.Operators.Select(o => Op(m, o)).ToArray());
        Assert.True(m.Buffers[0].IsEmpty);
        Assert.Equal("2.1.0", m.MinRuntimeVersion());
        Assert.Equal("tiny_net", g.Name);

        var input = g.Tensors[g.Inputs[0]];
        Assert.Equal(TfliteTensorType.Int8, input.Type);
        Assert.Equal(TfliteQuantization.PerTensor(0.02f, -5), input.Quantization);
        Assert.Equal(TfliteTensorType.Int8, g.Tensors[g.Outputs[0]].Type);

        var conv = g.Operators[0];
        Assert.Equal(new TfliteConv2DOptions(TflitePadding.Same, 1, 1), conv.Options);
        var w = g.Tensors[conv.Inputs[1]];
        Assert.Equal((8, 0), (w.Quantization!.Scale.Count, w.Quantization.QuantizedDimension));
        var bias = g.Tensors[conv.Inputs[2]];
        Assert.Equal(TfliteTensorType.Int32, bias.Type);
        Assert.Equal((float)(0.02 * 0.006), bias.Quantization!.Scale[1]);
        Assert.All(bias.Quantization.ZeroPoint, z => Assert.Equal(0, z));

        var dw = g.Operators[2];
        Assert.Equal(new TfliteDepthwiseConv2DOptions(TflitePadding.Same, 1, 1, 1, TfliteActivation.Relu6), dw.Options);
        Assert.Equal(3, g.Tensors[dw.Inputs[1]].Quantization!.QuantizedDimension);

        var mean = g.Operators[5];
        Assert.Equal(new TfliteReducerOptions(true), mean.Options);
        Assert.Equal(new byte[] { 1, 0, 0, 0, 2, 0, 0, 0 }, m.Buffers[g.Tensors[mean.Inputs[1]].Buffer].Data.ToArray());
        Assert.Equal(new TfliteReshapeOptions([1, 8]), g.Operators[6].Options);

        var signature = Assert.Single(m.Signatures);
        Assert.Equal(TfliteExporter.SignatureKey, signature.Key);
        Assert.Equal(new TfliteTensorMap("image", g.Inputs[0]), Assert.Single(signature.Inputs));
    }

    [Fact]
    public void Shift_becomes_a_one_hot_depthwise_convolution_with_unit_scales()
    {
        var m = Read(TfliteExporter.Export(CTestModels.Tiny()));
        var g = m.Subgraphs[0];
        var shift = g.Operators[3];
        var w = g.Tensors[shift.Inputs[1]];

        Assert.Equal(new TfliteDepthwiseConv2DOptions(TflitePadding.Same, 1, 1, 1), shift.Options);
        Assert.Equal(new[] { 1, 3, 3, 8 }, w.Shape.ToArray());
        Assert.All(w.Quantization!.Scale, s => Assert.Equal(1f, s));
        var data = m.Buffers[w.Buffer].Data.ToArray();
        Assert.Equal(8, data.Count(b => b == 1));
        Assert.Equal(64, data.Count(b => b == 0));

        // Channel 4 has offset (dy, dx) = (0, 0): its one-hot cell is the kernel centre (1, 1).
        Assert.Equal(1, data[(((1 * 3) + 1) * 8) + 4]);
        Assert.Equal(g.Tensors[shift.Inputs[0]].Quantization, g.Tensors[shift.Outputs[0]].Quantization);
    }

    [Fact]
    public void Padding_that_is_neither_same_nor_valid_becomes_a_pad_operator()
    {
        var m = Read(TfliteExporter.Export(TfliteIrTestModels.ExplicitPadding()));
        var g = m.Subgraphs[0];

        Assert.Equal(new[] { "PAD", "CONV_2D", "PAD", "DEPTHWISE_CONV_2D", "DEPTHWISE_CONV_2D", "MUL" }, g.Operators.Select(o => Op(m, o)).ToArray());
        Assert.Equal(TflitePadding.Valid, ((TfliteConv2DOptions)g.Operators[1].Options!).Padding);
        Assert.Equal(new[] { 1, 10, 10, 3 }, g.Tensors[g.Operators[0].Outputs[0]].Shape.ToArray());
        var paddings = m.Buffers[g.Tensors[g.Operators[2].Inputs[1]].Buffer].Data.ToArray();
        Assert.Equal(new[] { 0, 0, 0, 2, 2, 0, 0, 0 }, Enumerable.Range(0, 8).Select(i => BitConverter.ToInt32(paddings, 4 * i)).ToArray());

        // The 2-cell shift needs a 7x7 kernel (largest |offset| is 3).
        Assert.Equal(new[] { 1, 7, 7, 6 }, g.Tensors[g.Operators[4].Inputs[1]].Shape.ToArray());
    }

    [Fact]
    public void Relu6_that_changes_quantization_is_one_relu6_because_the_spec_clamps_like_tflm()
    {
        // The int8 spec's RELU6 is TFLite Micro's: a clamp in the input's quantization whatever the output declares.
        var m = Read(TfliteExporter.Export(TfliteIrTestModels.Wide()));
        var g = m.Subgraphs[0];
        var ops = g.Operators.Select(o => Op(m, o)).ToList();
        var relu6 = ops.IndexOf("RELU6");
        Assert.NotEqual(g.Tensors[g.Operators[relu6].Outputs[0]].Quantization, g.Tensors[g.Operators[relu6].Inputs[0]].Quantization);
        Assert.Equal(new[] { "QUANTIZE" }, ops.Where(o => o == "QUANTIZE").ToArray()); // the IR's own requantize
    }

    [Fact]
    public void Convolution_without_bias_gets_a_zero_int32_bias_with_tflite_scales()
    {
        var m = Read(TfliteExporter.Export(TfliteIrTestModels.Wide()));
        var g = m.Subgraphs[0];
        var dilated = g.Operators.Single(o => g.Tensors[o.Outputs[0]].Name == "dilated");
        var bias = g.Tensors[dilated.Inputs[2]];

        Assert.Equal(("dilated/bias", TfliteTensorType.Int32), (bias.Name, bias.Type));
        Assert.All(m.Buffers[bias.Buffer].Data, b => Assert.Equal(0, b));
        Assert.Equal((float)(0.05 * 0.006), bias.Quantization!.Scale[1]);
        Assert.Equal(new TfliteConv2DOptions(TflitePadding.Same, 1, 1, DilationW: 2, DilationH: 2), dilated.Options);
    }

    [Fact]
    public void Float_model_uses_version_1_kernels_and_float_tensors()
    {
        var m = Read(TfliteExporter.Export(TfliteIrTestModels.Float()));
        Assert.All(m.OperatorCodes, c => Assert.Equal(1, c.Version));
        Assert.All(m.Subgraphs[0].Tensors.Where(t => t.Buffer == 0), t => Assert.Equal(TfliteTensorType.Float32, t.Type));
        Assert.Equal("1.6.0", m.MinRuntimeVersion());
    }

    [Fact]
    public void Identical_constants_share_one_buffer()
    {
        var m = Read(TfliteExporter.Export(TfliteIrTestModels.Float(withHardSigmoid: false)));
        var buffers = m.Subgraphs[0].Tensors.Where(t => t.Buffer != 0).Select(t => t.Buffer).ToList();
        Assert.Equal(buffers.Distinct().Count(), m.Buffers.Count - 2); // minus the sentinel and the metadata buffer
    }

    [Fact]
    public void Pool_padding_that_tflite_cannot_express_is_a_clear_error()
    {
        var b = new IrGraphBuilder("bad_pool");
        var x = b.Input("x", new[] { 1, 6, 6, 2 });
        var p = b.Op(IrOpKind.AveragePool2D, new[] { x }, new Pool2DAttributes(3, 3, 2, 2, Padding2D.Uniform(1)), "head.pool");
        var error = Assert.Throws<TfliteConversionException>(() => TfliteExporter.Export(b.Output(p).Build()));
        Assert.Contains("graph 'bad_pool': operator #0 AveragePool2D 'head.pool' cannot be exported to TFLite", error.Message);
        Assert.Contains("neither SAME nor VALID", error.Message);
    }

    [Fact]
    public void Per_channel_activation_quantization_is_a_clear_error()
    {
        var b = new IrGraphBuilder("per_channel_act");
        var x = b.Input("x", new[] { 1, 4, 4, 2 }, IrDataType.Int8, QuantParams.PerChannel(new[] { 0.1f, 0.2f }, new[] { 0, 0 }, 3));
        var r = b.Unary(IrOpKind.Relu, x, "relu", QuantParams.PerTensor(0.1f, 0));
        var error = Assert.Throws<TfliteConversionException>(() => TfliteExporter.Export(b.Output(r).Build()));
        Assert.Contains("graph 'per_channel_act': activation #0 'x'", error.Message);
        Assert.Contains("TFLite requires per-tensor quantization for activations", error.Message);
    }

    [Fact]
    public void Int8_hard_sigmoid_with_another_output_quantization_is_a_clear_error()
    {
        var b = new IrGraphBuilder("hsig");
        var x = b.Input("x", new[] { 1, 2, 2, 3 }, IrDataType.Int8, QuantParams.PerTensor(0.1f, 0));
        var h = b.Unary(IrOpKind.HardSigmoid, x, "gate", QuantParams.PerTensor(0.01f, 0));
        var error = Assert.Throws<TfliteConversionException>(() => TfliteExporter.Export(b.Output(h).Build()));
        Assert.Contains("operator #0 HardSigmoid 'gate' cannot be exported to TFLite: int8 HardSigmoid output must be quantized with scale 1/256", error.Message);
    }

    [Fact]
    public void Conv_weights_quantized_along_another_axis_are_a_clear_error()
    {
        var b = new IrGraphBuilder("axis");
        var x = b.Input("x", new[] { 1, 3, 3, 2 }, IrDataType.Int8, QuantParams.PerTensor(0.1f, 0));
        var w = b.ConstantInt8("w", new[] { 4, 1, 1, 2 }, new sbyte[8], QuantParams.PerChannel(new[] { 0.1f, 0.2f }, new[] { 0, 0 }, 3));
        var y = b.Conv2D(x, w, null, new Conv2DAttributes(), "pw", QuantParams.PerTensor(0.1f, 0));
        var error = Assert.Throws<TfliteConversionException>(() => TfliteExporter.Export(b.Output(y).Build()));
        Assert.Contains("operator #0 Conv2D 'pw' cannot be exported to TFLite: weights #1 'w' int8[4, 1, 1, 2] are quantized per channel along axis 3; TFLite needs axis 0", error.Message);
    }

    [Fact]
    public void Int8_sigmoid_with_another_output_quantization_is_a_clear_error()
    {
        var b = new IrGraphBuilder("sig");
        var x = b.Input("x", new[] { 1, 4 }, IrDataType.Int8, QuantParams.PerTensor(0.1f, 0));
        var y = b.Unary(IrOpKind.Sigmoid, x, "sigmoid", QuantParams.PerTensor(0.01f, 0));
        var error = Assert.Throws<TfliteConversionException>(() => TfliteExporter.Export(b.Output(y).Build()));
        Assert.Contains("operator #0 Sigmoid 'sigmoid' cannot be exported to TFLite: int8 Sigmoid output must be quantized with scale 1/256 and zero point -128", error.Message);
    }

    [Fact]
    public void Write_file_replaces_the_target_atomically_with_the_exported_bytes()
    {
        var dir = Directory.CreateTempSubdirectory("mb_tflite_");
        try
        {
            var path = Path.Combine(dir.FullName, "tiny.tflite");
            File.WriteAllText(path, "old");
            TfliteExporter.WriteFile(CTestModels.Tiny(), path);
            Assert.Equal(TfliteExporter.Export(CTestModels.Tiny()), File.ReadAllBytes(path));
            Assert.Single(dir.GetFiles());
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Class_names_are_stored_as_metadata()
    {
        var m = Read(TfliteExporter.Export(CTestModels.Tiny()));
        var entry = Assert.Single(m.Metadata, e => e.Name == TfliteExporter.ClassNamesMetadata);
        Assert.Equal("stop\nyield\nspeed_50\nno_entry", System.Text.Encoding.UTF8.GetString(m.Buffers[entry.Buffer].Data.ToArray()));
    }

    [Fact]
    public void Dump_of_the_exported_tiny_model() =>
        Approvals.VerifyWithExtension(TfliteDump.ToText(Read(TfliteExporter.Export(CTestModels.Tiny()))), ".txt");
}
