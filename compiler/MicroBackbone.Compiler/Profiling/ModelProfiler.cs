using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Compiler.Profiling;

/// <summary>
/// <c>mbc profile</c>: builds the generated C bare metal for a <see cref="ProfileTarget"/> twice (without layer marks
/// for the exact total, with <c>-DMB_PROFILE</c> for the per-layer figures), runs both in the target's emulator on
/// one input, takes the measured cost of a mark out of every figure, and checks the output against the int8
/// reference interpreter.
/// </summary>
public static class ModelProfiler
{
    private const string PluginLibrary = "libinsncount.so";

    /// <summary>Profiles one inference of <paramref name="graph"/> (int8, as the C back end takes it) on <paramref name="input"/>.</summary>
    /// <exception cref="ProfileToolMissingException">A program or file the target needs is not installed.</exception>
    /// <exception cref="MicroBackboneException">
    /// The input has the wrong size, a build or run failed, or the target's output differs from the reference interpreter's.
    /// </exception>
    public static ModelProfile Profile(IrGraph graph, sbyte[] input, ProfileOptions options)
    {
        ProfileTarget target = options.Target;
        if (!ProfileOptions.OptimizationLevels.Contains(options.Optimization))
        {
            throw new MicroBackboneException(
                $"unknown optimization level '{options.Optimization}': expected {string.Join(" or ", ProfileOptions.OptimizationLevels)}");
        }

        ProfileToolchain.RequireAll(target.Tools);
        IrGraph stripped = EdgeQuantization.Strip(graph);
        if (stripped.Inputs.Count != 1 || stripped.Outputs.Count != 1)
        {
            throw new MicroBackboneException(
                $"profiling runs models with one input and one output; graph '{graph.Name}' has {stripped.Inputs.Count} inputs and {stripped.Outputs.Count} outputs");
        }

        IrTensor inputTensor = stripped.Tensor(stripped.Inputs[0]);
        if (input.Length != inputTensor.ElementCount)
        {
            throw new MicroBackboneException(
                $"the profile input has {input.Length} bytes; the model's input {inputTensor.Describe()} needs exactly {inputTensor.ElementCount} int8 values (NHWC)");
        }

        sbyte[] expected = new Int8Interpreter(stripped).Run(input);
        (CModel model, CLowering lowering, IrGraph lowered) = CModelBuilder.Build(graph, CEmitOptions.Default);
        var marks = new ProfileMarks(lowering.Layers.Count);
        var tools = new ProfileToolchain(target);
        string dir = Directory.CreateTempSubdirectory("mbc-profile-").FullName;
        try
        {
            ProfileHarness.Write(graph, model, lowering, input, marks, target, dir);
            (ProfileRunOutput plain, ProfileRunOutput marked) = BuildAndRun(tools, options.Optimization, marks, dir);
            foreach ((ProfileRunOutput run, string build) in new[] { (plain, "the build without layer marks"), (marked, "the -DMB_PROFILE build") })
            {
                if (!run.Output.SequenceEqual(expected))
                {
                    throw new MicroBackboneException(
                        $"on {target.Name}, {build} computed [{string.Join(' ', run.Output)}] but the int8 reference interpreter computes [{string.Join(' ', expected)}]");
                }
            }

            long layerMark = marked.Between(marks.LayerPairFirst, marks.LayerPairFirst + 1);
            var layers = new List<LayerProfile>();
            for (int i = 0; i < lowering.Layers.Count; i++)
            {
                CLayer layer = lowering.Layers[i];
                IrOperator op = lowered.Operators[layer.Index];
                long instructions = marked.Between(i == 0 ? marks.Start : marks.AfterLayer(i - 1), marks.AfterLayer(i)) - layerMark;
                layers.Add(new LayerProfile(i, op.Name, op.Kind.ToString(), layer.Function, GraphCost.MacsOf(lowered, op), instructions));
            }

            long total = plain.Between(marks.Start, marks.End) - plain.Between(marks.DirectPairFirst, marks.DirectPairFirst + 1);
            SectionSizes sections = SectionSizes.Parse(tools.Run(target.SizeTool, ["-A", "model.o"], dir));
            string version = tools.Run(target.Compiler, ["--version"], dir).Split('\n')[0].Trim();
            return new ModelProfile(target, "-" + options.Optimization, version, layers, total, layerMark, sections, plain.Output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (ProfileRunOutput Plain, ProfileRunOutput Marked) BuildAndRun(ProfileToolchain tools, string optimization, ProfileMarks marks, string dir)
    {
        ProfileTarget target = tools.Target;
        string[] flags = [.. target.CompileFlags, "-" + optimization, "-I."];
        void Compile(string source, string obj, params string[] extra) =>
            tools.Run(target.Compiler, [.. flags, .. extra, "-c", source, "-o", obj], dir);

        // The two model.o builds are most of the time; they run side by side.
        Parallel.Invoke(
            () => Compile("model.c", "model.o"),
            () => Compile("model.c", "model_marks.o", "-DMB_PROFILE"),
            () =>
            {
                Compile("profile_main.c", "profile_main.o");
                Compile("platform.c", "platform.o");
                Compile("start.S", "start.o");
            });
        string[] common = ["profile_main.o", "platform.o", "start.o"];
        if (target.CountingPlugin is not null)
        {
            tools.Run(ProfileTarget.HostCompiler, ["-std=c99", "-O2", "-shared", "-fPIC", "-o", PluginLibrary, target.CountingPlugin], dir);
        }

        ProfileRunOutput Run(string model, string elf, IEnumerable<int> required)
        {
            tools.Run(target.Compiler, [.. target.LinkFlags, "-T", ProfileHarness.LinkerScript, model, .. common, "-o", elf, .. target.LinkLibraries], dir);
            CheckInstructionSet(tools, elf, dir);
            if (target.CountingPlugin is null)
            {
                return ProfileRunOutput.Parse(tools.Run(target.Emulator, [.. target.EmulatorArguments, elf], dir), marks.Count, required);
            }

            // The plugin writes its marks to a file of their own, so they never interleave with the console.
            string marksFile = Path.ChangeExtension(elf, ".marks");
            string console = tools.Run(target.Emulator,
                [.. target.EmulatorArguments, elf, "-plugin", $"{Path.Combine(dir, PluginLibrary)},out={marksFile}"], dir);
            return ProfileRunOutput.Parse(console + "\n" + File.ReadAllText(Path.Combine(dir, marksFile)), marks.Count, required);
        }

        // Without -DMB_PROFILE the program takes no layer marks.
        int[] outside = [marks.Start, marks.End, marks.DirectPairFirst, marks.DirectPairFirst + 1, marks.LayerPairFirst, marks.LayerPairFirst + 1];
        return (Run("model.o", "plain.elf", outside), Run("model_marks.o", "marks.elf", Enumerable.Range(0, marks.Count)));
    }

    private static void CheckInstructionSet(ProfileToolchain tools, string elf, string dir)
    {
        ProfileTarget target = tools.Target;
        foreach (string line in tools.Run(target.Disassembler, ["-d", "--no-show-raw-insn", elf], dir).Split('\n'))
        {
            // "80000a4c:\tamoadd.w\ta0,a1,(a2)": the mnemonic is the second tab-separated field.
            string[] fields = line.Split('\t', StringSplitOptions.TrimEntries);
            if (fields.Length >= 2 && fields[0].EndsWith(':') && target.ForbiddenMnemonicPrefixes.Any(p => fields[1].StartsWith(p, StringComparison.Ordinal)))
            {
                throw new MicroBackboneException(
                    $"the {target.Name} profile program holds '{fields[1]}', which {target.Isa} lacks (from the C library the link picked): its counts would not be {target.Isa}'s");
            }
        }
    }
}
