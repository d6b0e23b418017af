using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Tests.Shared;
using Xunit.Abstractions;

namespace MicroBackbone.Compiler.Tests.BackEnds.C;

/// <summary>
/// The generated library cross-compiles for a 32-bit RISC-V microcontroller (ESP32-C3 class: rv32imc, picolibc) and
/// the ESP-IDF main.c compiles against a stand-in esp_timer.h; sizes go to the test output.
/// </summary>
public class CCrossCompileTests(ITestOutputHelper output)
{
    private const string RiscvGcc = "riscv64-unknown-elf-gcc";

    private static MicroBackbone.Ir.IrGraph Model(string name) => name switch
    {
        "tiny" => CTestModels.Tiny(),
        "wide" => CTestModels.Wide(),
        _ => CTestModels.Backbone(),
    };

    [Theory]
    [InlineData("tiny", "")]
    [InlineData("wide", "")]
    [InlineData("wide", "-DMB_GENERIC_KERNELS")]
    [InlineData("backbone", "")]
    [InlineData("backbone", "-DMB_GENERIC_KERNELS")]
    public void Library_cross_compiles_for_rv32imc(string model, string defines)
    {
        DebianPackages.Require("/usr/lib/picolibc/riscv64-unknown-elf/picolibc.specs");
        var dir = CToolchain.TempDir("rv32");
        try
        {
            var summary = CBackEnd.Emit(Model(model), CTarget.C, dir);
            CToolchain.Check(RiscvGcc, $"-march=rv32imc -mabi=ilp32 -Os -specs=picolibc.specs {CToolchain.HostFlags} {defines} -c model.c -o model.o", dir);
            var size = CToolchain.Check("riscv64-unknown-elf-size", "model.o", dir);
            output.WriteLine($"{model} {defines} rv32imc -Os ({summary.WeightBytes} bytes of constants in text):\n{size}");
            Assert.Contains("model.o", size);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// ESP8266-class Xtensa (gcc-xtensa-lx106). That toolchain ships no C library, so the library is compiled
    /// freestanding with a stand-in string.h declaring the three functions it uses (memcpy, memmove, memset).
    /// </summary>
    [Theory]
    [InlineData("backbone", "")]
    [InlineData("backbone", "-DMB_GENERIC_KERNELS")]
    public void Library_cross_compiles_for_xtensa_lx106(string model, string defines)
    {
        var dir = CToolchain.TempDir("lx106");
        try
        {
            var summary = CBackEnd.Emit(Model(model), CTarget.C, dir);
            Directory.CreateDirectory(Path.Combine(dir, "stub"));
            File.WriteAllText(Path.Combine(dir, "stub", "string.h"),
                "#include <stddef.h>\nvoid *memcpy(void *d, const void *s, size_t n);\nvoid *memmove(void *d, const void *s, size_t n);\nvoid *memset(void *d, int c, size_t n);\n");
            CToolchain.Check("xtensa-lx106-elf-gcc", $"-Os -mlongcalls -ffreestanding -Istub {CToolchain.HostFlags} {defines} -c model.c -o model.o", dir);
            var size = CToolchain.Check("xtensa-lx106-elf-size", "model.o", dir);
            output.WriteLine($"{model} {defines} xtensa-lx106 -Os ({summary.WeightBytes} bytes of constants in text):\n{size}");
            Assert.Contains("model.o", size);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Esp_idf_main_compiles_against_the_component()
    {
        var dir = CToolchain.TempDir("esp");
        try
        {
            CBackEnd.Emit(CTestModels.Tiny(), CTarget.Esp32, dir);
            var stub = Path.Combine(dir, "stub");
            Directory.CreateDirectory(stub);
            File.WriteAllText(Path.Combine(stub, "esp_timer.h"), "#include <stdint.h>\nint64_t esp_timer_get_time(void);\n");
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} -Istub -Icomponents/mb_model/src -c main/main.c -o main.o", dir);
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} -c components/mb_model/src/model.c -o model.o", dir);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
