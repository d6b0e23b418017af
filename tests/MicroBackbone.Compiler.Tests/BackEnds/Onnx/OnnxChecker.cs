using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Tests.Shared;

namespace MicroBackbone.Compiler.Tests.BackEnds.Onnx;

/// <summary>
/// The reference ONNX checker: Debian's <c>python3-onnx</c> (onnx 1.12, opsets up to 17) run by the system
/// interpreter, <c>onnx.checker.check_model(model, full_check=True)</c>, which also runs strict shape inference.
/// </summary>
internal static class OnnxChecker
{
    /// <summary>Where Debian's python3-onnx installs the package; listed in .ci/debian-packages.</summary>
    public const string Package = "/usr/lib/python3/dist-packages/onnx";

    private const string Script =
        "import sys, onnx; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); " +
        "print('checked', onnx.__version__, [(o.domain, o.version) for o in m.opset_import])";

    /// <summary>Checks <paramref name="model"/> and returns the checker's line; fails the test with its error otherwise.</summary>
    public static string Check(byte[] model)
    {
        DebianPackages.Require(Package);
        var dir = CToolchain.TempDir("onnx-check");
        try
        {
            var path = Path.Combine(dir, "model.onnx");
            File.WriteAllBytes(path, model);
            return CToolchain.Check("/usr/bin/python3", $"-c \"{Script}\" \"{path}\"", dir);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
