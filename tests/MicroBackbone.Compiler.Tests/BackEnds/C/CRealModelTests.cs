using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Compiler.FrontEnds.TorchSharp;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Tests.FrontEnds;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Quantization;
using MicroBackbone.Ir.Reference;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.BackEnds.C;

/// <summary>
/// Whole models through the real pipeline (TorchSharp → IR → calibrate → int8 → C), built by gcc with address and
/// undefined-behaviour sanitizers: the C output equals the int8 reference interpreter bit for bit, and its
/// dequantized logits stay near the float TorchSharp model's.
/// </summary>
public class CRealModelTests
{
    // Above this size of model.c (about 4 MB of weights as text) the scalar-core builds are skipped.
    private const long MicrocontrollerSourceLimit = 16L << 20;

    [Theory]
    [InlineData("edge_nano", 1)]
    [InlineData("edge_micro", 3)]
    [InlineData("edge_small", 3)]
    [InlineData("mobilenet_v3_small", 3)]
    [InlineData("resnet18", 3)]
    public void GeneratedCMatchesTheReferenceInterpreter(string arch, int channels)
    {
        (nn.Module<Tensor, Tensor> model, ModelSpec spec) = TrainedLikeModels.Create(arch, 32, channels, 10, seed: 11);
        var dir = CToolchain.TempDir(arch);
        try
        {
            using (model)
            {
                IrGraph graph = TorchSharpFrontEnd.Lower(model, spec);
                var samples = Enumerable.Range(0, 4).Select(i => TrainedLikeModels.Input(spec, 100 + i).Nhwc).ToList();
                IrGraph int8 = Int8Quantizer.Quantize(graph, Calibrator.Calibrate(graph, samples, ObserverKind.MinMax));
                var interpreter = new Int8Interpreter(int8);
                CBackEnd.Emit(int8, CTarget.C, dir);
                // The host's SIMD kernels, the scalar-core kernels with the depth-specialized multiplies (as on rv32imc) and
                // those without a high multiply (lx106).
                string[] builds = ["model", "model_scalar", "model_nomulh"];
                string[] defines = [string.Empty, "-DMB_SCALAR_CORE=1 -DMB_FIXED_SHAPES=1", "-DMB_SCALAR_CORE=1 -DMB_HAVE_MULH=0"];
                // A model with megabytes of weights fits no microcontroller, and gcc needs ~25 s of CPU per build to
                // parse resnet18's 50 MB of initializers: such models are checked in the host build only.
                if (new FileInfo(Path.Combine(dir, "model.c")).Length > MicrocontrollerSourceLimit)
                {
                    builds = builds[..1];
                }

                for (int b = 0; b < builds.Length; b++)
                {
                    CToolchain.Check("gcc", $"{CToolchain.HostFlags} {defines[b]} -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -o {builds[b]} main.c model.c", dir);
                }

                for (int seed = 0; seed < 2; seed++)
                {
                    (Tensor nchw, float[] nhwc) = TrainedLikeModels.Input(spec, seed);
                    var input = new sbyte[nhwc.Length];
                    MicroBackbone.Ir.Int8.Kernels.Quantize.Eval(interpreter.InputQuantization, nhwc, input);
                    sbyte[] expected = interpreter.Run(input);
                    string file = Path.Combine(dir, $"in{seed}.bin");
                    File.WriteAllBytes(file, (byte[])(Array)input);
                    foreach (string build in builds)
                    {
                        var (code, stdout, stderr) = CToolchain.Run(Path.Combine(dir, build), file, dir);
                        Assert.True(code == 0, stderr);
                        sbyte[] actual = stdout.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("top_class", StringComparison.Ordinal))
                            .Select(l => sbyte.Parse(l, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                        Assert.True(expected.SequenceEqual(actual), $"{build}: [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}]");
                    }

                    float[] reference;
                    using (no_grad())
                    {
                        reference = model.forward(nchw).data<float>().ToArray();
                    }
                    float[] dequantized = expected.Select(q => interpreter.OutputQuantization.Dequantize(q)).ToArray();
                    double spread = reference.Max() - reference.Min();
                    double worst = reference.Zip(dequantized, (r, d) => Math.Abs(r - d)).Max();
                    // Stated tolerance: int8 logits within 15% of the float logits' spread on random weights and inputs.
                    Assert.True(worst <= 0.15 * spread, $"{arch}: worst {worst} vs spread {spread}");
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
