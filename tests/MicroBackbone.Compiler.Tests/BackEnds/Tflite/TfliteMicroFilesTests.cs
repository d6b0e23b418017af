using ApprovalTests;
using ApprovalTests.Reporters;
using MicroBackbone.Compiler.BackEnds.Tflite;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>The TFLite Micro deployment files: <c>model_data.h</c> and the ESP32 sketch.</summary>
[UseReporter(typeof(QuietReporter))]
public class TfliteMicroFilesTests
{
    private static readonly Lazy<byte[]> Tiny = new(() => TfliteExporter.Export(CTestModels.Tiny()));

    [Fact]
    public void Model_data_header_snapshot()
    {
        var bytes = Enumerable.Range(0, 30).Select(i => (byte)(i * 37)).ToArray();
        Approvals.VerifyWithExtension(TfliteCArray.Render(bytes, "tiny net*/ 2"), ".h");
    }

    [Fact]
    public void Model_data_header_holds_every_byte_in_order_and_is_deterministic()
    {
        var text = TfliteCArray.Render(Tiny.Value, "tiny_net");
        var body = text.Substring(text.IndexOf("= {\n#endif\n", StringComparison.Ordinal));
        var values = body.Split(new[] { ' ', ',', '\n' }, StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("0x", StringComparison.Ordinal)).Select(s => Convert.ToByte(s, 16)).ToArray();
        Assert.Equal(Tiny.Value, values);
        Assert.Contains($"static const unsigned int tiny_net_tflite_len = {Tiny.Value.Length};", text);
        Assert.Contains("alignas(16) static const unsigned char tiny_net_tflite[] = {", text);
        Assert.Equal(text, TfliteCArray.Render(Tiny.Value, "tiny_net"));
    }

    [Fact]
    public void Esp32_sketch_snapshot() =>
        Approvals.VerifyWithExtension(TfliteMicroSketch.Render(CTestModels.Tiny(), Tiny.Value, "tiny_net", CTestModels.RandomInput(108, 7)), ".cpp");

    [Fact]
    public void Sketch_registers_exactly_the_models_operators_and_sizes_the_arena_above_the_plan()
    {
        var graph = TfliteIrTestModels.Wide();
        var bytes = TfliteExporter.Export(graph);
        var model = TfliteReader.Read(bytes, "wide.tflite");
        var calls = TfliteMicroSketch.ResolverCalls(model);
        Assert.Equal(
            new[] { "AddConv2D", "AddHardSwish", "AddPad", "AddMaxPool2D", "AddMean", "AddDepthwiseConv2D", "AddMul", "AddLogistic", "AddRelu6", "AddAveragePool2D", "AddQuantize", "AddReshape", "AddFullyConnected", "AddSoftmax" },
            calls);

        var text = TfliteMicroSketch.Render(graph, bytes, "wide_net");
        Assert.Contains($"MicroMutableOpResolver<{calls.Count}>", text);
        var (planned, margin, _) = TfliteMicroSketch.Arena(graph, model);
        Assert.True(margin > planned / 4);
        Assert.Equal(0, (planned + margin) % 16);
        Assert.Contains($"constexpr size_t kTensorArenaSize = {planned + margin};", text);
        Assert.Contains("memset(input->data.int8, input->params.zero_point, input->bytes);", text);
    }

    [Fact]
    public void Esp_idf_project_files_snapshot()
    {
        var files = TfliteBackEnd.Render(CTestModels.Tiny(), null, null, out _);
        Approvals.VerifyWithExtension(
            string.Concat(new[] { "CMakeLists.txt", "main/CMakeLists.txt", "main/idf_component.yml" }
                .Select(path => $"===== {path}\n{System.Text.Encoding.UTF8.GetString(files[path])}")),
            ".txt");
    }

    [Fact]
    public void Back_end_writes_the_model_its_c_array_and_the_project()
    {
        var graph = CTestModels.Tiny();
        var sample = CTestModels.RandomInput(108, 7);
        var dir = Directory.CreateTempSubdirectory("mb_tflm_");
        try
        {
            var summary = TfliteBackEnd.Emit(graph, dir.FullName, sampleInput: sample);
            Assert.Equal(
                new[] { "CMakeLists.txt", "main/CMakeLists.txt", "main/esp32_main.cpp", "main/idf_component.yml", "main/model_data.h", "tiny_net.tflite" },
                summary.Files);
            Assert.Equal(Tiny.Value, File.ReadAllBytes(Path.Combine(dir.FullName, "tiny_net.tflite")));
            Assert.Equal(TfliteCArray.Render(Tiny.Value, "tiny_net"), File.ReadAllText(Path.Combine(dir.FullName, "main", "model_data.h")));
            Assert.Equal(TfliteMicroSketch.Render(graph, Tiny.Value, "tiny_net", sample), File.ReadAllText(Path.Combine(dir.FullName, "main", "esp32_main.cpp")));
            Assert.Equal((Tiny.Value.Length, 8, 7), (summary.ModelBytes, summary.Operators, summary.OperatorKinds));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Sample_input_of_the_wrong_size_is_a_clear_error()
    {
        var error = Assert.Throws<TfliteConversionException>(() => TfliteMicroSketch.Render(CTestModels.Tiny(), Tiny.Value, "tiny_net", new sbyte[3]));
        Assert.Contains("model 'tiny_net': the sample input has 3 int8 values, the model input is Int8 with 108 elements", error.Message);
    }
}
