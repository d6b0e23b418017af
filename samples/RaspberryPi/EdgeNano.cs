using MicroBackbone;

namespace MicroBackbone.Samples.RaspberryPi;

/// <summary>
/// edge_nano trained on Fashion-MNIST (int8, 1x32x32 grayscale in, 10 logits out); every member is generated at build
/// time from <c>edge_nano.mbir</c>.
/// </summary>
[MicroModel("edge_nano.mbir")]
public partial class EdgeNano;
