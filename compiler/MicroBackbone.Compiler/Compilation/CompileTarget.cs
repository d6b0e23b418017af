namespace MicroBackbone.Compiler.Compilation;

/// <summary>What <c>mbc compile --target</c> writes.</summary>
public enum CompileTarget
{
    /// <summary>An ESP-IDF project (also an Arduino library) around the static int8 C model.</summary>
    Esp32,

    /// <summary>The portable C99 model library with a host <c>main.c</c> and <c>Makefile</c>.</summary>
    C,

    /// <summary>The int8 IR as a <c>.mbir</c> file, what the C# source generator reads.</summary>
    Ir,

    /// <summary>The allocation-free C# inference class, as the source generator writes it.</summary>
    CSharp,

    /// <summary>A full-integer int8 TFLite flatbuffer in an ESP-IDF TFLite Micro project (<c>model_data.h</c>, app).</summary>
    Tflite,

    /// <summary>A float32 ONNX model (opset 17).</summary>
    Onnx,
}
