namespace MicroBackbone.Compiler.Profiling;

/// <summary>
/// A board <c>mbc profile</c> can count instructions on: the cross compiler and its flags, the bare-metal board folder
/// under <c>firmware-templates/profile/</c>, and the emulator that runs the result and prints <c>mark</c> lines
/// (from the target's own counter, or from an emulator plugin for boards without one).
/// </summary>
/// <param name="Name">The name <c>--target</c> takes.</param>
/// <param name="Description">The chip and its ISA, for the output.</param>
/// <param name="Isa">The instruction set the counts are for, as the table labels it (<c>rv32imc</c>).</param>
/// <param name="BoardFolder">The board's folder under <c>firmware-templates/profile/</c> (platform.c, start.S, link.ld).</param>
/// <param name="Compiler">The cross compiler; also the linker driver.</param>
/// <param name="CompileFlags">Flags of every compile, before the optimization level.</param>
/// <param name="LinkFlags">Flags of the link (the linker script is added after them).</param>
/// <param name="LinkLibraries">Libraries at the end of the link line.</param>
/// <param name="SizeTool">The binutils <c>size</c> that reads the target's objects.</param>
/// <param name="Disassembler">The binutils <c>objdump</c> that checks the linked program's instructions.</param>
/// <param name="ForbiddenMnemonicPrefixes">
/// Instruction mnemonics (prefixes) that are outside the ISA yet could come from the linked C library (a multilib for
/// a larger ISA); the linked program must contain none of them.
/// </param>
/// <param name="Emulator">The emulator program.</param>
/// <param name="EmulatorArguments">Its arguments before the program file, which comes last.</param>
/// <param name="Tools">Every program and file the target needs, with its Debian package.</param>
/// <param name="CountingPlugin">
/// For a board without an instruction counter: the emulator plugin's C source in the board folder, built for the
/// host and loaded with <c>-plugin</c>; it writes the <c>mark</c> lines to a file. Null when the board counts itself.
/// </param>
public sealed record ProfileTarget(
    string Name,
    string Description,
    string Isa,
    string BoardFolder,
    string Compiler,
    IReadOnlyList<string> CompileFlags,
    IReadOnlyList<string> LinkFlags,
    IReadOnlyList<string> LinkLibraries,
    string SizeTool,
    string Disassembler,
    IReadOnlyList<string> ForbiddenMnemonicPrefixes,
    string Emulator,
    IReadOnlyList<string> EmulatorArguments,
    IReadOnlyList<ProfileTool> Tools,
    string? CountingPlugin = null)
{
    /// <summary>The host's C compiler, which builds a <see cref="CountingPlugin"/> for the emulator.</summary>
    public const string HostCompiler = "gcc";

    /// <summary>
    /// ESP32-C3 (rv32imc) on <c>qemu-system-riscv32 -machine virt</c> with <c>-icount shift=0</c>, where the cycle
    /// counter advances exactly once per retired instruction. Debian ships no rv32imc multilib, and <c>_zicsr</c>
    /// spoils the multilib choice, so the link uses the rv32imac picolibc; the A-extension instructions that could
    /// bring are checked absent.
    /// </summary>
    public static ProfileTarget Esp32C3 { get; } = new(
        Name: "esp32c3",
        Description: "ESP32-C3 (RISC-V rv32imc)",
        Isa: "rv32imc",
        BoardFolder: "riscv32",
        Compiler: "riscv64-unknown-elf-gcc",
        CompileFlags: ["-march=rv32imc_zicsr", "-mabi=ilp32", "-specs=picolibc.specs", "-ffunction-sections", "-fdata-sections", "-std=c99"],
        LinkFlags: ["-march=rv32imac", "-mabi=ilp32", "-specs=picolibc.specs", "-nostartfiles", "-Wl,--gc-sections", "-Wl,--no-warn-rwx-segments"],
        LinkLibraries: ["-lc", "-lgcc"],
        SizeTool: "riscv64-unknown-elf-size",
        Disassembler: "riscv64-unknown-elf-objdump",
        ForbiddenMnemonicPrefixes: ["lr.w", "sc.w", "amo"],
        Emulator: "qemu-system-riscv32",
        EmulatorArguments: ["-machine", "virt", "-bios", "none", "-nographic", "-monitor", "none", "-icount", "shift=0", "-kernel"],
        Tools:
        [
            new ProfileTool("riscv64-unknown-elf-gcc", "gcc-riscv64-unknown-elf"),
            new ProfileTool("/usr/lib/picolibc/riscv64-unknown-elf/picolibc.specs", "picolibc-riscv64-unknown-elf"),
            new ProfileTool("riscv64-unknown-elf-size", "binutils-riscv64-unknown-elf"),
            new ProfileTool("riscv64-unknown-elf-objdump", "binutils-riscv64-unknown-elf"),
            new ProfileTool("qemu-system-riscv32", "qemu-system-misc"),
        ]);

    /// <summary>
    /// ESP8266 (Xtensa lx106, the classic ESP32's ISA family) on <c>qemu-system-xtensa -M sim</c>. The core has no
    /// per-instruction counter, so a TCG plugin counts every executed instruction and notes the count at each mark.
    /// lx106 has no high multiply and no divide; the kernels avoid both in their loops, and the board supplies the
    /// division helpers Debian's lx106 libgcc lacks.
    /// </summary>
    public static ProfileTarget Esp8266 { get; } = new(
        Name: "esp8266",
        Description: "ESP8266 (Xtensa lx106)",
        Isa: "lx106",
        BoardFolder: "lx106",
        Compiler: "xtensa-lx106-elf-gcc",
        CompileFlags: ["-mlongcalls", "--specs=/usr/lib/xtensa-lx106-elf/picolibc.specs", "-ffunction-sections", "-fdata-sections", "-std=c99"],
        LinkFlags: ["--specs=/usr/lib/xtensa-lx106-elf/picolibc.specs", "-nostartfiles", "-Wl,--gc-sections"],
        LinkLibraries: ["-lc", "-lgcc"],
        SizeTool: "xtensa-lx106-elf-size",
        Disassembler: "xtensa-lx106-elf-objdump",
        ForbiddenMnemonicPrefixes: [],
        Emulator: "qemu-system-xtensa",
        EmulatorArguments: ["-M", "sim", "-cpu", "lx106", "-display", "none", "-monitor", "none", "-serial", "none", "-semihosting", "-kernel"],
        Tools:
        [
            new ProfileTool("xtensa-lx106-elf-gcc", "gcc-xtensa-lx106"),
            new ProfileTool("/usr/lib/xtensa-lx106-elf/picolibc.specs", "picolibc-xtensa-lx106-elf"),
            new ProfileTool("xtensa-lx106-elf-size", "binutils-xtensa-lx106"),
            new ProfileTool("xtensa-lx106-elf-objdump", "binutils-xtensa-lx106"),
            new ProfileTool("qemu-system-xtensa", "qemu-system-misc"),
            new ProfileTool(HostCompiler, "gcc"),
        ],
        CountingPlugin: "insn_count_plugin.c");

    /// <summary>Every target, in the order <c>--help</c> lists them.</summary>
    public static IReadOnlyList<ProfileTarget> All { get; } = [Esp32C3, Esp8266];

    /// <summary>The target called <paramref name="name"/>; a user error naming the known ones otherwise.</summary>
    public static ProfileTarget Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new MicroBackbone.Ir.MicroBackboneException(
            $"unknown profile target '{name}': expected {string.Join(" or ", All.Select(t => t.Name))}");

    /// <summary>The tools the compile step alone needs (compiler, C library, size), for measuring code size.</summary>
    public IEnumerable<ProfileTool> CompileTools => Tools.Where(t => t.Provides != Emulator && t.Provides != Disassembler && t.Provides != HostCompiler);
}
