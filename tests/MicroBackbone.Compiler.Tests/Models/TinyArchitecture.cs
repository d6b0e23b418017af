using MicroBackbone.Compiler.Models;

namespace MicroBackbone.Compiler.Tests.Models;

/// <summary>A two-stage network small enough that its parameters and MACs are computed by hand in the tests.</summary>
internal static class TinyArchitecture
{
    // Input 1x8x8, 3 classes, stem 8 (stride 1), head 16, SE in 2 groups with reduction 4.
    // Stage 0: 8 channels, 1 block, stride 1, no expansion. Stage 1: 16 channels, 1 block, stride 2, expansion 2.
    public static EdgeArchitecture Create() => new(
        "tiny", InputChannels: 1, InputSize: 8, NumClasses: 3, StemChannels: 8, StemStride: 1, HeadChannels: 16,
        SeGroups: 2, SeReduction: 4, SramBudgetBytes: 1024,
        Stages: [new EdgeStage(8, 1, 1, 1), new EdgeStage(16, 1, 2, 2)]);
}
