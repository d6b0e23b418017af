using System.Text;
using Google.FlatBuffers;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>Spot checks of the written bytes, read with the raw flatbuffers API and schema slots written literally.</summary>
public class TfliteFileLayoutTests
{
    private static readonly byte[] File = TfliteWriter.Write(TfliteTestModels.SmallInt8Classifier());

    [Fact]
    public void Identifier_sits_at_bytes_4_to_7_and_root_offset_is_inside_the_file()
    {
        Assert.Equal("TFL3", Encoding.ASCII.GetString(File, 4, 4));
        var root = BitConverter.ToUInt32(File, 0);
        Assert.InRange(root, 8u, (uint)File.Length - 4);
    }

    [Fact]
    public void Model_version_is_3_and_buffer_0_has_no_data()
    {
        var bb = new ByteBuffer(File);
        var model = new Table(bb.GetInt(0), bb);

        Assert.Equal(3u, bb.GetUint(model.bb_pos + model.__offset(4)));
        var buffers = model.__vector(model.__offset(4 + (2 * 4)));
        var buffer0 = new Table(model.__indirect(buffers), bb);
        Assert.Equal(0, buffer0.__offset(4));
    }

    [Fact]
    public void Operator_codes_store_both_the_int8_and_the_int32_code()
    {
        var bb = new ByteBuffer(File);
        var model = new Table(bb.GetInt(0), bb);
        var codes = model.__vector(model.__offset(4 + (2 * 1)));
        var conv = new Table(model.__indirect(codes + 4), bb);

        Assert.Equal(3, bb.GetSbyte(conv.bb_pos + conv.__offset(4)));
        Assert.Equal(3, bb.GetInt(conv.bb_pos + conv.__offset(4 + (2 * 3))));
        Assert.Equal(3, bb.GetInt(conv.bb_pos + conv.__offset(4 + (2 * 2))));
    }

    [Fact]
    public void Buffer_data_starts_on_16_byte_boundaries()
    {
        var model = TfliteTestModels.SmallInt8Classifier();
        foreach (var buffer in model.Buffers.Where(b => b.Data.Count >= 16))
        {
            var at = File.AsSpan().IndexOf(buffer.Data.AsSpan());
            Assert.True(at > 0);
            Assert.Equal(0, at % 16);
            Assert.Equal(buffer.Data.Count, BitConverter.ToInt32(File, at - 4));
        }
    }

    [Fact]
    public void Google_flatbuffers_verifier_accepts_the_file()
    {
        Assert.True(File.Length <= TfliteFileVerifier.MaxVerifiableLength);
        TfliteFileVerifier.Verify(new ByteBuffer(File), "small.tflite");
    }

    [Fact]
    public void Google_flatbuffers_verifier_rejects_a_vector_that_runs_past_the_end()
    {
        var corrupt = (byte[])File.Clone();
        var weights = TfliteTestModels.SmallInt8Classifier().Buffers[1].Data;
        var at = corrupt.AsSpan().IndexOf(weights.AsSpan());
        BitConverter.GetBytes(corrupt.Length).CopyTo(corrupt, at - 4);

        var error = Assert.Throws<TfliteFormatException>(() => TfliteFileVerifier.Verify(new ByteBuffer(corrupt), "bad.tflite"));
        Assert.StartsWith("bad.tflite: ", error.Message);
    }
}
