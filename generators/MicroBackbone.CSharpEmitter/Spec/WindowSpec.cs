namespace MicroBackbone.CSharpEmitter.Spec;

/// <summary>A sliding window (kernel, stride, dilation, explicit padding) as the kernels take it.</summary>
internal readonly record struct WindowSpec(
    int KernelHeight,
    int KernelWidth,
    int StrideHeight,
    int StrideWidth,
    int DilationHeight,
    int DilationWidth,
    int PadTop,
    int PadLeft,
    int PadBottom,
    int PadRight);
