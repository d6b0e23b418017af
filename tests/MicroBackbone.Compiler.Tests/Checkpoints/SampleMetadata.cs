using MicroBackbone.Compiler.Checkpoints;

namespace MicroBackbone.Compiler.Tests.Checkpoints;

internal static class SampleMetadata
{
    public const string ConfigYaml = "arch: edge_nano\nwidth: [8, 16]\nnote: \"quotes ' and \\u00e9\"\n";

    public static CheckpointMetadata Create() =>
        new CheckpointMetadata("edge_nano", "train", 3, new InputShape(3, 5, 5), ConfigYaml)
            .WithExtra("epoch", 12)
            .WithExtra("accuracy", 0.8125)
            .WithExtra("best", true)
            .WithExtra("dataset", "gtsrb-mini");
}
