using MicroBackbone.Ir.Format;
using MicroBackbone.Ir.Tests.Graph;

namespace MicroBackbone.Ir.Tests.Format;

public class MbirReaderErrorTests
{
    private static readonly string Good = MbirWriter.Write(TestGraphs.QuantCnn());

    private static string Reject(string text) => Assert.Throws<MbirFormatException>(() => MbirReader.Read(text, "bad.mbir")).Message;

    [Fact]
    public void WrongFormatName()
    {
        Assert.Equal(
            "bad.mbir: $.format: not an .mbir file (expected \"format\": \"mbir\")",
            Reject(Good.Replace("\"format\": \"mbir\"", "\"format\": \"onnx\"")));
        Assert.Contains("$.format", Reject("{\"something\": 1}"));
    }

    [Fact]
    public void UnsupportedVersion()
    {
        Assert.Equal(
            "bad.mbir: $.version: unsupported .mbir version 2; this build reads versions 1 to 1",
            Reject(Good.Replace("\"version\": 1", "\"version\": 2")));
    }

    [Fact]
    public void TruncatedJson()
    {
        var message = Reject(Good.Substring(0, Good.Length / 2));
        Assert.StartsWith("bad.mbir: ", message);
        Assert.Contains("corrupt or truncated JSON at line", message);
    }

    [Fact]
    public void BadBase64()
    {
        var start = Good.IndexOf("\"data\": \"", StringComparison.Ordinal) + 9;
        var corrupt = Good.Substring(0, start) + "!!" + Good.Substring(start + 2);
        Assert.Equal("bad.mbir: $.graph.tensors[1].data: invalid base64 data", Reject(corrupt));
    }

    [Fact]
    public void DataLengthNotMatchingShape()
    {
        var message = Reject(Good.Replace("\"shape\": [2, 1, 1, 2]", "\"shape\": [2, 1, 1, 3]"));
        Assert.Equal("bad.mbir: $.graph.tensors[1].data: holds 4 bytes but shape [2, 1, 1, 3] of int8 needs 6", message);
    }

    [Fact]
    public void MissingAndMistypedFields()
    {
        Assert.Equal("bad.mbir: $.graph.operators[0].kind: unknown operator kind \"Conv3D\"", Reject(Good.Replace("\"Conv2D\"", "\"Conv3D\"")));
        Assert.Equal("bad.mbir: $.graph.tensors[0].type: unknown type \"int4\" (expected int8, uint8, int16, int32 or float32)", Reject(Good.Replace("\"type\": \"int8\"", "\"type\": \"int4\"")));
        Assert.Equal("bad.mbir: $.graph.name: expected a string, got number", Reject(Good.Replace("\"name\": \"quant_cnn\"", "\"name\": 5")));
        Assert.Equal("bad.mbir: $.graph.operators[0].attributes.activation: missing required field", Reject(Good.Replace("\"activation\": \"none\"", "\"x\": 0")));
    }
}
