using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

public class TfliteRoundTripTests
{
    [Fact]
    public void Small_int8_classifier_reads_back_equal()
    {
        var model = TfliteTestModels.SmallInt8Classifier();

        var read = TfliteReader.Read(TfliteWriter.Write(model), "small.tflite");

        Assert.Equal(TfliteDump.ToText(model), TfliteDump.ToText(read));
        Assert.Equal(model, read);
    }

    [Fact]
    public void Round_trip_keeps_per_axis_quantization_shared_and_empty_buffers()
    {
        var read = TfliteReader.Read(TfliteWriter.Write(TfliteTestModels.SmallInt8Classifier()), "small.tflite");
        var tensors = read.Subgraphs[0].Tensors;

        var convWeights = tensors.Single(t => t.Name == "conv/w").Quantization!;
        Assert.True(convWeights.IsPerAxis);
        Assert.Equal([0.01f, 0.02f, 0.03f, 0.04f], convWeights.Scale);
        Assert.Equal(3, tensors.Single(t => t.Name == "dw/w").Quantization!.QuantizedDimension);
        Assert.Equal(tensors.Single(t => t.Name == "mean/axes").Buffer, tensors.Single(t => t.Name == "mean/axes_alias").Buffer);
        Assert.True(read.Buffers[0].IsEmpty);
        Assert.True(read.Buffers[tensors.Single(t => t.Name == "output").Buffer].IsEmpty);
        Assert.Equal([-1, 8, 8, 3], tensors[0].ShapeSignature!);
        Assert.Null(tensors[1].ShapeSignature);
        Assert.Equal([-31.75f], tensors.Single(t => t.Name == "fc").Quantization!.Min);
        Assert.Equal("1.14.0", read.MinRuntimeVersion());
        Assert.Equal(new TfliteTensorMap("probabilities", 18), Assert.Single(read.Signatures).Outputs[0]);
    }

    [Fact]
    public void Every_options_record_reads_back_equal()
    {
        foreach (var options in TfliteTestModels.EveryOptionsRecord().Append(null))
        {
            var model = TfliteTestModels.WithOptions(options);

            var read = TfliteReader.Read(TfliteWriter.Write(model), "options.tflite");

            Assert.Equal(options, read.Subgraphs[0].Operators[0].Options);
            Assert.Equal(model, read);
        }
    }

    [Fact]
    public void Options_at_schema_defaults_read_back_as_defaults()
    {
        var options = new TfliteConv2DOptions(TflitePadding.Same, 0, 0);

        var read = TfliteReader.Read(TfliteWriter.Write(TfliteTestModels.WithOptions(options)), "defaults.tflite");

        var conv = Assert.IsType<TfliteConv2DOptions>(read.Subgraphs[0].Operators[0].Options);
        Assert.Equal(1, conv.DilationW);
        Assert.Equal(1, conv.DilationH);
        Assert.True(Assert.IsType<TfliteAddOptions>(
            TfliteReader.Read(TfliteWriter.Write(TfliteTestModels.WithOptions(new TfliteAddOptions())), "add.tflite")
                .Subgraphs[0].Operators[0].Options).PotScaleInt16);
    }

    [Fact]
    public void Per_axis_bias_with_the_weights_dimension_is_accepted_as_converters_write_it()
    {
        var model = TfliteTestModels.SmallInt8Classifier();
        var tensors = model.Subgraphs[0].Tensors.ToArray();
        tensors[3] = tensors[3] with { Quantization = tensors[3].Quantization! with { QuantizedDimension = 3 } };
        model = model with { Subgraphs = [model.Subgraphs[0] with { Tensors = tensors }] };

        var read = TfliteReader.Read(TfliteWriter.Write(model), "bias.tflite");

        Assert.Equal(3, read.Subgraphs[0].Tensors[3].Quantization!.QuantizedDimension);
    }

    [Fact]
    public void Per_axis_scales_must_match_the_quantized_dimension()
    {
        var model = TfliteTestModels.SmallInt8Classifier();
        var tensors = model.Subgraphs[0].Tensors.ToArray();
        tensors[2] = tensors[2] with { Quantization = tensors[2].Quantization! with { QuantizedDimension = 1 } };
        model = model with { Subgraphs = [model.Subgraphs[0] with { Tensors = tensors }] };

        var error = Assert.Throws<ArgumentException>(() => TfliteWriter.Write(model));

        Assert.Contains("tensor 2 'conv/w': 4 scales for dimension 1 of shape [4, 3, 3, 3]", error.Message);
    }

    [Fact]
    public void Writing_is_byte_deterministic_and_stable_through_a_read()
    {
        var first = TfliteWriter.Write(TfliteTestModels.SmallInt8Classifier());
        var second = TfliteWriter.Write(TfliteTestModels.SmallInt8Classifier());
        var rewritten = TfliteWriter.Write(TfliteReader.Read(first, "first.tflite"));

        Assert.Equal(first, second);
        Assert.Equal(first, rewritten);
    }

    [Fact]
    public void Model_larger_than_the_library_verifier_limit_round_trips()
    {
        var model = TfliteTestModels.SmallInt8Classifier();
        var big = new byte[64 * 64 * 3 * 3];
        new Random(7).NextBytes(big);
        var tensors = model.Subgraphs[0].Tensors.ToArray();
        tensors[2] = tensors[2] with { Shape = [64, 64, 3, 3], Quantization = TfliteQuantization.PerAxis(StructuralList.From(Enumerable.Repeat(0.5f, 64)), StructuralList.From(Enumerable.Repeat(0L, 64)), 0) };
        var buffers = model.Buffers.ToArray();
        buffers[1] = new TfliteBuffer(big);
        model = model with
        {
            Buffers = buffers,
            Subgraphs = [model.Subgraphs[0] with { Tensors = tensors }],
        };

        var bytes = TfliteWriter.Write(model);
        var read = TfliteReader.Read(bytes, "big.tflite");

        Assert.True(bytes.Length > TfliteFileVerifier.MaxVerifiableLength);
        Assert.Equal(model, read);
    }

    [Fact]
    public void Min_runtime_version_replaces_an_existing_entry_in_place()
    {
        var model = TfliteTestModels.SmallInt8Classifier();

        var updated = model.WithMinRuntimeVersion("2.3.0");

        Assert.Equal(model.Buffers.Count, updated.Buffers.Count);
        Assert.Single(updated.Metadata);
        Assert.Equal("2.3.0", updated.MinRuntimeVersion());
        Assert.Equal(16, updated.Buffers[updated.Metadata[0].Buffer].Data.Count);
    }

    [Fact]
    public void Files_are_written_atomically_and_read_back()
    {
        var folder = Directory.CreateTempSubdirectory("tflite-schema-");
        try
        {
            var path = Path.Combine(folder.FullName, "model.tflite");
            var model = TfliteTestModels.SmallInt8Classifier();
            File.WriteAllText(path, "old content");

            TfliteWriter.WriteFile(model, path);

            Assert.Equal(model, TfliteReader.ReadFile(path));
            Assert.Equal(["model.tflite"], folder.GetFiles().Select(f => f.Name));
            var missing = Path.Combine(folder.FullName, "missing.tflite");
            Assert.Equal($"{missing}: TFLite file not found", Assert.Throws<TfliteFormatException>(() => TfliteReader.ReadFile(missing)).Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
