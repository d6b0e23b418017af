using ApprovalTests;
using ApprovalTests.Reporters;
using MicroBackbone.Compiler.BackEnds.C;

namespace MicroBackbone.Compiler.Tests.BackEnds.C;

/// <summary>
/// Snapshots of the generated files for the tiny model (conv 3x3, depthwise, shift, add, global average pool, fully
/// connected). Approved files sit beside this file (ApprovalTests' default namer); a change shows up as a
/// *.received.* file to review and rename.
/// </summary>
[UseReporter(typeof(QuietReporter))]
public class CApprovalTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> CFiles = new(() => CBackEnd.Render(CTestModels.Tiny(), CTarget.C, CEmitOptions.Default, out _));

    private static readonly Lazy<IReadOnlyDictionary<string, string>> EspFiles = new(() =>
        CBackEnd.Render(CTestModels.Tiny(), CTarget.Esp32, new CEmitOptions(CTestModels.RandomInput(108, 7), "tiny demo"), out _));

    [Fact]
    public void Model_header() => Approvals.VerifyWithExtension(CFiles.Value["model.h"], ".h");

    [Fact]
    public void Model_source() => Approvals.VerifyWithExtension(CFiles.Value["model.c"], ".c");

    [Fact]
    public void Kernels_header() => Approvals.VerifyWithExtension(CFiles.Value["mb_kernels.h"], ".h");

    [Fact]
    public void Host_main() => Approvals.VerifyWithExtension(CFiles.Value["main.c"], ".c");

    [Fact]
    public void Esp_idf_project_files() => Approvals.VerifyWithExtension(
        string.Concat(new[]
        {
            "CMakeLists.txt", "main/CMakeLists.txt", "main/main.c", "components/mb_model/CMakeLists.txt",
            "components/mb_model/idf_component.yml", "components/mb_model/library.properties",
        }.Select(path => $"===== {path}\n{EspFiles.Value[path]}")),
        ".txt");

    [Fact]
    public void Esp_idf_component_holds_the_same_library_as_the_c_target()
    {
        Assert.Equal(
            new[] { "CMakeLists.txt", "components/mb_model/CMakeLists.txt", "components/mb_model/idf_component.yml", "components/mb_model/library.properties",
                "components/mb_model/src/mb_kernels.h", "components/mb_model/src/model.c", "components/mb_model/src/model.h", "main/CMakeLists.txt", "main/main.c" },
            EspFiles.Value.Keys.ToArray());
        foreach (var file in new[] { "model.h", "model.c", "mb_kernels.h" })
        {
            Assert.Equal(CFiles.Value[file], EspFiles.Value["components/mb_model/src/" + file]);
        }
    }
}
