namespace MicroBackbone.Ir.Format;

/// <summary>Constants of the <c>.mbir</c> text format (JSON); documented in docs/MBIR.md.</summary>
public static class MbirFormat
{
    /// <summary>Value of the header's <c>format</c> field.</summary>
    public const string FormatName = "mbir";

    /// <summary>The version this code writes and the newest it reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Conventional file extension.</summary>
    public const string FileExtension = ".mbir";

    internal static string ActivationName(FusedActivation a) => a switch
    {
        FusedActivation.Relu => "relu",
        FusedActivation.Relu6 => "relu6",
        FusedActivation.ReluN1To1 => "relu_n1_to_1",
        _ => "none",
    };
}
