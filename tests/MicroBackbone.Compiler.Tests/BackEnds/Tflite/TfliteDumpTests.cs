using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

public class TfliteDumpTests
{
    [Fact]
    public void Dump_is_deterministic_and_names_operators_options_and_buffers()
    {
        var text = TfliteDump.ToText(TfliteTestModels.SmallInt8Classifier());

        Assert.Equal(text, TfliteDump.ToText(TfliteTestModels.SmallInt8Classifier()));
        Assert.Contains("  [1] CONV_2D version=3\n", text);
        Assert.Contains(
            "[1] CONV_2D (opcode 1) inputs=[1, 2, 3] outputs=[4] Conv2DOptions(padding=SAME, stride_w=1, stride_h=1, fused_activation_function=RELU6, dilation_w_factor=1, dilation_h_factor=1, quantized_bias_type=FLOAT32)",
            text);
        Assert.Contains("[2] \"conv/w\" INT8 shape=[4, 3, 3, 3] buffer=1 quant(scale=[0.01, 0.02, 0.03, 0.04] zero_point=[0, 0, 0, 0] axis=0)", text);
        Assert.Contains("  [0] empty\n", text);
        Assert.Contains("[0] \"min_runtime_version\" buffer=10", text);
        Assert.EndsWith("signatures (1):\n  \"serving_default\" subgraph=0 inputs=[\"image\"->0] outputs=[\"probabilities\"->18]\n", text);
        Assert.Contains("[6] RESHAPE (opcode 6) inputs=[13, 14] outputs=[15] ReshapeOptions(new_shape=[1, 5])", text);
    }

    [Fact]
    public void Json_dump_uses_schema_names_and_parses()
    {
        var json = TfliteJsonDump.ToJson(TfliteTestModels.SmallInt8Classifier());

        Assert.Equal(json, TfliteJsonDump.ToJson(TfliteTestModels.SmallInt8Classifier()));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(3, root.GetProperty("version").GetInt32());
        Assert.Equal("CONV_2D", root.GetProperty("operator_codes")[1].GetProperty("builtin_code").GetString());
        var conv = root.GetProperty("subgraphs")[0].GetProperty("operators")[1];
        Assert.Equal("Conv2DOptions", conv.GetProperty("builtin_options_type").GetString());
        Assert.Equal("RELU6", conv.GetProperty("builtin_options").GetProperty("fused_activation_function").GetString());
        var dwWeights = root.GetProperty("subgraphs")[0].GetProperty("tensors")[5];
        Assert.Equal("INT8", dwWeights.GetProperty("type").GetString());
        Assert.Equal(3, dwWeights.GetProperty("quantization").GetProperty("quantized_dimension").GetInt32());
        Assert.Equal(0, root.GetProperty("buffers")[0].GetProperty("size").GetInt32());
    }

    [Theory]
    [InlineData(TfliteBuiltinOperator.Split, "SPLIT", "SplitOptions(num_splits=3)")]
    [InlineData(TfliteBuiltinOperator.SplitV, "SPLIT_V", "SplitVOptions(num_splits=4)")]
    [InlineData(TfliteBuiltinOperator.Squeeze, "SQUEEZE", "SqueezeOptions(squeeze_dims=[1, -2])")]
    [InlineData(TfliteBuiltinOperator.LeakyRelu, "LEAKY_RELU", "LeakyReluOptions(alpha=0.2)")]
    [InlineData(TfliteBuiltinOperator.ResizeBilinear, "RESIZE_BILINEAR", "ResizeBilinearOptions(align_corners=false, half_pixel_centers=true)")]
    [InlineData(TfliteBuiltinOperator.ResizeNearestNeighbor, "RESIZE_NEAREST_NEIGHBOR", "ResizeNearestNeighborOptions(align_corners=true, half_pixel_centers=false)")]
    [InlineData(TfliteBuiltinOperator.TransposeConv, "TRANSPOSE_CONV", "TransposeConvOptions(padding=VALID, stride_w=2, stride_h=3, fused_activation_function=RELU6, quantized_bias_type=INT64)")]
    [InlineData(TfliteBuiltinOperator.Svdf, "SVDF", "SVDFOptions(rank=2, fused_activation_function=RELU, asymmetric_quantize_inputs=true)")]
    [InlineData(TfliteBuiltinOperator.VarHandle, "VAR_HANDLE", "VarHandleOptions(container=\"box\", shared_name=\"state_0\")")]
    [InlineData(TfliteBuiltinOperator.PadV2, "PADV2", "PadV2Options()")]
    [InlineData(TfliteBuiltinOperator.Maximum, "MAXIMUM", "MaximumMinimumOptions()")]
    [InlineData(TfliteBuiltinOperator.Transpose, "TRANSPOSE", "TransposeOptions()")]
    [InlineData(TfliteBuiltinOperator.ExpandDims, "EXPAND_DIMS", "ExpandDimsOptions()")]
    [InlineData(TfliteBuiltinOperator.Slice, "SLICE", "SliceOptions()")]
    [InlineData(TfliteBuiltinOperator.ReadVariable, "READ_VARIABLE", "ReadVariableOptions()")]
    [InlineData(TfliteBuiltinOperator.AssignVariable, "ASSIGN_VARIABLE", "AssignVariableOptions()")]
    public void Dumps_name_the_operator_and_every_option_field_by_schema_name(TfliteBuiltinOperator op, string name, string options)
    {
        var record = TfliteTestModels.EveryOptionsRecord().First(o => TfliteTestModels.WithOptions(o).OperatorCodes[0].BuiltinCode == op);
        var model = TfliteReader.Read(TfliteWriter.Write(TfliteTestModels.WithOptions(record)), "op.tflite");

        Assert.Contains($"[0] {name} (opcode 0) inputs=[0] outputs=[1] {options}\n", TfliteDump.ToText(model));
        using var json = System.Text.Json.JsonDocument.Parse(TfliteJsonDump.ToJson(model));
        var jsonOp = json.RootElement.GetProperty("subgraphs")[0].GetProperty("operators")[0];
        Assert.Equal(name, json.RootElement.GetProperty("operator_codes")[0].GetProperty("builtin_code").GetString());
        Assert.Equal(options[..options.IndexOf('(')], jsonOp.GetProperty("builtin_options_type").GetString());
        var fields = jsonOp.GetProperty("builtin_options").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(options.Split('(', ')', ',', ' ').Where(p => p.Contains('=')).Select(p => p[..p.IndexOf('=')]), fields);
    }

    [Fact]
    public void Operators_without_options_table_are_named()
    {
        foreach (var (op, name) in new[] { (TfliteBuiltinOperator.Tanh, "TANH"), (TfliteBuiltinOperator.PRelu, "PRELU"), (TfliteBuiltinOperator.Minimum, "MINIMUM") })
        {
            var model = TfliteTestModels.WithOptions(null) with { OperatorCodes = [new TfliteOperatorCode(op)] };

            var read = TfliteReader.Read(TfliteWriter.Write(model), "op.tflite");

            Assert.Equal(op, read.OperatorCodes[0].BuiltinCode);
            Assert.Contains($"[0] {name} (opcode 0) inputs=[0] outputs=[1]\n", TfliteDump.ToText(read));
        }
    }
}
