using MicroBackbone;

namespace GeneratorConsumer;

/// <summary>The tiny edge_nano classifier; every member comes from the generator.</summary>
[MicroModel("edge_nano.mbir")]
public partial class EdgeNano;
