namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>What <see cref="CBackEnd.Emit"/> writes around the generated model library.</summary>
public enum CTarget
{
    /// <summary>
    /// Portable C99: <c>model.h</c>, <c>model.c</c>, <c>mb_kernels.h</c>, a host <c>main.c</c> that runs the model on a
    /// raw input file, and a <c>Makefile</c>.
    /// </summary>
    C,

    /// <summary>
    /// An ESP-IDF project: top <c>CMakeLists.txt</c>, <c>main/</c> (timed inference on an embedded sample) and the model as
    /// the component <c>components/mb_model/</c>, whose <c>src/</c> and <c>library.properties</c> also make it an
    /// Arduino library.
    /// </summary>
    Esp32,
}
