using MicroBackbone;

namespace MicroBackbone.Benchmarks;

/// <summary>edge_nano trained on Fashion-MNIST (samples/models), int8.</summary>
[MicroModel("edge_nano.mbir")]
public partial class EdgeNano;

/// <summary>edge_micro with 1-channel 32x32 input, weights from a 1-epoch 256-image run (latency only), int8.</summary>
[MicroModel("edge_micro.mbir")]
public partial class EdgeMicro;

/// <summary>edge_small with 1-channel 32x32 input, weights from a 1-epoch 256-image run (latency only), int8.</summary>
[MicroModel("edge_small.mbir")]
public partial class EdgeSmall;
