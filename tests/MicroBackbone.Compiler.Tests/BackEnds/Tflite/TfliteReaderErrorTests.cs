using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

public class TfliteReaderErrorTests
{
    private static readonly byte[] File = TfliteWriter.Write(TfliteTestModels.SmallInt8Classifier());

    [Fact]
    public void Wrong_identifier_is_named()
    {
        var bytes = (byte[])File.Clone();
        "ONNX"u8.CopyTo(bytes.AsSpan(4));

        var error = Assert.Throws<TfliteFormatException>(() => TfliteReader.Read(bytes, "m.tflite"));

        Assert.Equal("m.tflite: file identifier is 'ONNX' at bytes 4..7, expected 'TFL3' (not a TFLite model)", error.Message);
        Assert.IsAssignableFrom<MicroBackboneException>(error);
    }

    [Fact]
    public void Other_schema_version_is_rejected()
    {
        var error = Assert.Throws<TfliteFormatException>(
            () => TfliteReader.Read(new RawTfliteFile { Version = 2 }.Build(), "old.tflite"));

        Assert.Equal("old.tflite: model > version: schema version 2, expected 3", error.Message);
    }

    [Fact]
    public void Every_truncation_gives_a_clean_error()
    {
        for (var length = 0; length < File.Length; length++)
        {
            var error = Assert.Throws<TfliteFormatException>(() => TfliteReader.Read(File[..length], "cut.tflite"));
            Assert.StartsWith("cut.tflite: ", error.Message);
        }
    }

    [Fact]
    public void Corrupted_bytes_give_a_model_or_a_clean_error_never_a_crash()
    {
        var random = new Random(42);
        for (var round = 0; round < 3000; round++)
        {
            var bytes = (byte[])File.Clone();
            var flips = 1 + random.Next(4);
            for (var f = 0; f < flips; f++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            try
            {
                TfliteReader.Read(bytes, "bad.tflite");
            }
            catch (TfliteFormatException error)
            {
                Assert.StartsWith("bad.tflite: ", error.Message);
            }
        }
    }

    [Fact]
    public void Each_single_corrupted_header_or_table_byte_is_handled()
    {
        // The first 512 bytes hold the root, the vtables and the tables (the weights come last).
        for (var at = 0; at < Math.Min(512, File.Length); at++)
        {
            var bytes = (byte[])File.Clone();
            bytes[at] ^= 0xA5;
            try
            {
                TfliteReader.Read(bytes, "bad.tflite");
            }
            catch (TfliteFormatException)
            {
            }
        }
    }

    [Fact]
    public void Inflated_vector_length_is_reported_with_its_place()
    {
        var bytes = (byte[])File.Clone();
        var weights = TfliteTestModels.SmallInt8Classifier().Buffers[1].Data;
        var at = bytes.AsSpan().IndexOf(weights.AsSpan());
        BitConverter.GetBytes(1_000_000).CopyTo(bytes, at - 4);

        var error = Assert.Throws<TfliteFormatException>(() => TfliteReader.Read(bytes, "big.tflite"));

        Assert.Contains("big.tflite: model > buffer 1 > data: 1000000 elements", error.Message);
    }

    [Fact]
    public void Reader_runs_the_library_verifier_which_catches_an_unterminated_string()
    {
        // Our field reads do not need the NUL after a string; the flatbuffers verifier does, so this shows it ran.
        var bytes = (byte[])File.Clone();
        var text = System.Text.Encoding.ASCII.GetBytes("MicroBackbone test model");
        var at = bytes.AsSpan().IndexOf(text);
        bytes[at + text.Length] = (byte)'!';

        var error = Assert.Throws<TfliteFormatException>(() => TfliteReader.Read(bytes, "s.tflite"));

        Assert.StartsWith("s.tflite: the flatbuffer verifier rejects the file", error.Message);
    }

    [Fact]
    public void Only_the_old_int8_code_field_is_enough()
    {
        var model = TfliteReader.Read(new RawTfliteFile { DeprecatedBuiltinCode = 3, BuiltinCode = null }.Build(), "old.tflite");

        Assert.Equal(TfliteBuiltinOperator.Conv2D, model.OperatorCodes[0].BuiltinCode);
    }

    [Fact]
    public void Only_the_int32_code_field_is_enough()
    {
        var model = TfliteReader.Read(new RawTfliteFile { DeprecatedBuiltinCode = null, BuiltinCode = 114 }.Build(), "new.tflite");

        Assert.Equal(TfliteBuiltinOperator.Quantize, model.OperatorCodes[0].BuiltinCode);
    }

    [Fact]
    public void Large_codes_behind_the_placeholder_are_named_when_unsupported()
    {
        var error = Assert.Throws<TfliteFormatException>(
            () => TfliteReader.Read(new RawTfliteFile { DeprecatedBuiltinCode = 127, BuiltinCode = 150 }.Build(), "gelu.tflite"));

        Assert.Equal("gelu.tflite: model > operator code 0: builtin operator GELU (150) is not supported", error.Message);
    }

    [Fact]
    public void Unsupported_operator_is_named()
    {
        var error = Assert.Throws<TfliteFormatException>(
            () => TfliteReader.Read(new RawTfliteFile { DeprecatedBuiltinCode = 36, BuiltinCode = 36 }.Build(), "t.tflite"));

        Assert.Contains("GATHER (36) is not supported", error.Message);
    }

    [Fact]
    public void Custom_operator_is_named()
    {
        var error = Assert.Throws<TfliteFormatException>(
            () => TfliteReader.Read(new RawTfliteFile { DeprecatedBuiltinCode = 32, BuiltinCode = 32, CustomCode = "MyOp" }.Build(), "c.tflite"));

        Assert.Contains("custom operator 'MyOp' is not supported", error.Message);
    }

    [Fact]
    public void Unsupported_options_table_is_named()
    {
        var error = Assert.Throws<TfliteFormatException>(
            () => TfliteReader.Read(new RawTfliteFile { OptionsType = 23 }.Build(), "o.tflite"));

        Assert.Equal(
            "o.tflite: model > subgraph 0 > operator 0 > builtin_options: options table GatherOptions (23) is not supported",
            error.Message);
    }

    [Fact]
    public void Unsupported_tensor_type_is_named()
    {
        var error = Assert.Throws<TfliteFormatException>(
            () => TfliteReader.Read(new RawTfliteFile { TensorType = 8 }.Build(), "x.tflite"));

        Assert.Equal("x.tflite: model > subgraph 0 > tensor 0 > type: tensor type COMPLEX64 (8) is not supported", error.Message);
    }

    [Fact]
    public void Raw_minimal_file_is_read()
    {
        var model = TfliteReader.Read(new RawTfliteFile().Build(), "min.tflite");

        Assert.Equal(TfliteBuiltinOperator.Relu, model.OperatorCodes[0].BuiltinCode);
        Assert.Equal(TfliteTensorType.Int8, model.Subgraphs[0].Tensors[1].Type);
        Assert.Equal("y", model.Subgraphs[0].Tensors[1].Name);
    }

    [Fact]
    public void Writer_refuses_an_inconsistent_model()
    {
        var model = TfliteTestModels.SmallInt8Classifier();
        var badBuffer0 = model with { Buffers = [new TfliteBuffer([1]), .. model.Buffers.Skip(1)] };
        var tensors = model.Subgraphs[0].Tensors.ToArray();
        tensors[2] = tensors[2] with { Buffer = 99 };
        var badIndex = model with { Subgraphs = [model.Subgraphs[0] with { Tensors = tensors }] };

        var operators = model.Subgraphs[0].Operators.ToArray();
        operators[1] = operators[1] with { Options = new TflitePool2DOptions(TflitePadding.Same, 1, 1, 2, 2) };
        var badSignature = model with { Signatures = [new TfliteSignature("s", 0, [new("x", 42)], [])] };
        var badOptions = model with { Subgraphs = [model.Subgraphs[0] with { Operators = operators }] };

        Assert.Contains("buffer 0 must exist and be empty", Assert.Throws<ArgumentException>(() => TfliteWriter.Write(badBuffer0)).Message);
        Assert.Contains("signature 0 's': 'x' names tensor 42, out of range (19 tensors)", Assert.Throws<ArgumentException>(() => TfliteWriter.Write(badSignature)).Message);
        Assert.Contains("operator 1: CONV_2D cannot take Pool2DOptions", Assert.Throws<ArgumentException>(() => TfliteWriter.Write(badOptions)).Message);
        Assert.Contains("subgraph 0 > tensor 2 'conv/w': buffer 99 out of range", Assert.Throws<ArgumentException>(() => TfliteWriter.Write(badIndex)).Message);
    }

    [Theory]
    [InlineData(49, 0, 5, "builtin_options > padding: padding 5 is not SAME (0) or VALID (1)")]
    [InlineData(6, 1, 9, "builtin_options > fused_activation_function: activation 9 is not a known ActivationFunctionType")]
    [InlineData(49, 4, 8, "builtin_options > quantized_bias_type: tensor type COMPLEX64 (8) is not supported")]
    [InlineData(8, 1, 1, "builtin_options > weights_format: weights format 1 (shuffled) is not supported, only DEFAULT (0)")]
    public void Bad_enum_values_in_options_are_one_line_naming_the_field(byte optionsType, int slot, sbyte value, string expected)
    {
        var error = Assert.Throws<TfliteFormatException>(
            () => TfliteReader.Read(new RawTfliteFile { OptionsType = optionsType, OptionsByteField = (slot, value) }.Build(), "e.tflite"));

        Assert.Equal($"e.tflite: model > subgraph 0 > operator 0 > {expected}", error.Message);
    }
}
