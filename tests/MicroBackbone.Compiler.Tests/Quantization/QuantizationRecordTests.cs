using MicroBackbone.Compiler.Quantization;

namespace MicroBackbone.Compiler.Tests.Quantization;

public class QuantizationRecordTests
{
    [Fact]
    public void StaticRecordRoundTripsWithItsRanges()
    {
        var record = new QuantizationRecord(QuantizationType.Static, "minmax", 300, "{\"a\":[-1.5,2]}");
        QuantizationRecord back = QuantizationRecord.Parse(record.ToJson(), "x.pth");
        Assert.Equal(record with { RangesJson = back.RangesJson }, back);
        Assert.Equal("{\"a\":[-1.5,2]}", back.RangesJson);
        Assert.Equal(record.ToJson(), back.ToJson());
    }

    [Fact]
    public void DynamicRecordNeedsNoRanges()
    {
        var record = new QuantizationRecord(QuantizationType.Dynamic, "", 0, null);
        Assert.Equal(record, QuantizationRecord.Parse(record.ToJson(), "x.pth"));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("{\"format_version\":2,\"type\":\"static\",\"observer\":\"minmax\",\"samples\":1}", "format_version 2")]
    [InlineData("{\"format_version\":1,\"type\":\"fp16\",\"observer\":\"minmax\",\"samples\":1}", "'quantization.type' is 'fp16'")]
    [InlineData("{\"format_version\":1,\"type\":\"static\",\"observer\":\"minmax\",\"samples\":1}", "'quantization.ranges' is missing")]
    [InlineData("{\"format_version\":1,\"type\":\"dynamic\",\"observer\":\"\",\"samples\":\"x\"}", "'quantization.samples' is missing or not an integer")]
    public void BadRecordsNameTheFileAndTheField(string json, string expected)
    {
        var error = Assert.Throws<QuantizationRecordException>(() => QuantizationRecord.Parse(json, "models/q.pth"));
        Assert.StartsWith("models/q.pth: ", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
