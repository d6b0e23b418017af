using System.Text.RegularExpressions;
using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Tests.BackEnds.C;

/// <summary>Files, summary, determinism, name sanitizing and errors of <see cref="CBackEnd.Emit"/>.</summary>
public class CEmitTests
{
    [Fact]
    public void Emit_is_deterministic_and_reports_the_model()
    {
        var (first, second) = (CToolchain.TempDir("det1"), CToolchain.TempDir("det2"));
        try
        {
            var a = CBackEnd.Emit(CTestModels.Tiny(), CTarget.C, first);
            var b = CBackEnd.Emit(CTestModels.Tiny(), CTarget.C, second);
            Assert.Equal(new[] { "Makefile", "main.c", "mb_kernels.h", "model.c", "model.h" }, a.Files);
            Assert.Equal(a.Files, Directory.GetFiles(first).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray());
            foreach (var file in a.Files)
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
            }

            // conv 6x6x8 outputs x 27 taps + depthwise 6x6x8 x 9 + fc 8x4; the reshape is free (in place).
            Assert.Equal(7776 + 2592 + 32, a.Macs);
            Assert.Equal(6, a.Operators);
            Assert.Equal(108, a.InputBytes);
            Assert.Equal(4, a.OutputBytes);
            Assert.Equal(new[] { "common", "gemv", "matmul", "dwparams", "conv2d", "dwconv", "fc", "bcast", "add", "shift", "mean" }, a.Kernels);
            Assert.Equal(b.ArenaBytes, a.ArenaBytes);
            Assert.True(a.ArenaBytes >= 108 + 288, $"arena {a.ArenaBytes}");
            // Conv filters of 27 padded to 32, depthwise, fc; bias + multiplier + shift per channel; shift offsets;
            // the add's two 256-entry int32 operand tables.
            Assert.Equal((8 * 32) + 72 + 32 + ((4 + 4 + 1) * (8 + 8 + 4)) + (2 * 2 * 8) + (2 * 256 * 4), a.WeightBytes);
            // Scalar cores gather 12 receptive fields of 27 int8 taps (a multiple of twelve within ~512 bytes), and
            // Xtensa widens two of them to int16 beside that; the 3x3 depthwise on 6-pixel rows keeps a ring of three
            // rows of one channel with a padding column on either side (int16 on Xtensa).
            Assert.Equal((12 * 27) + (2 * 2 * 27) + (3 * (6 + 2) * 2), a.ScratchBytes);
            var kernelCode = Regex.Replace(File.ReadAllText(Path.Combine(first, "mb_kernels.h")), @"/\*.*?\*/", string.Empty, RegexOptions.Singleline);
            Assert.DoesNotMatch(@"\b(float|double|malloc|free)\b", kernelCode);
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(second, recursive: true);
        }
    }

    [Fact]
    public void Hostile_names_give_valid_identifiers_safe_comments_and_exact_strings()
    {
        const string modelName = "my \"model\" */ /* x\n??=évil\\";
        const string layerName = "0 conv */ \"q\"\r\n\\ üñí ??/";
        var classes = new[] { "quote\"d", "new\nline", "tri??/graph", "ünï*/" };
        var dir = CToolchain.TempDir("names");
        try
        {
            var summary = CBackEnd.Emit(CTestModels.Tiny(modelName, layerName, classes), CTarget.C, dir);
            var source = File.ReadAllText(Path.Combine(dir, "model.c"));
            Assert.Contains("static const mb_conv2d_params_t l0_n0_conv_q = {", source);
            Assert.True(File.ReadAllBytes(Path.Combine(dir, "model.c")).All(b => b < 0x80), "generated C is pure ASCII");
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} -Wtrigraphs -Wcomment -O1 -o model main.c model.c", dir);
            var input = CTestModels.RandomInput(summary.InputBytes, 3);
            var path = Path.Combine(dir, "in.bin");
            File.WriteAllBytes(path, input.Select(v => unchecked((byte)v)).ToArray());
            var (code, stdout, stderr) = CToolchain.Run(Path.Combine(dir, "model"), path, dir);
            Assert.True(code == 0, stderr);
            var expected = Int8GraphEvaluator.Run(CTestModels.Tiny(), input);
            var top = Array.IndexOf(expected, expected.Max());

            // The class name comes back byte for byte through the C string literal.
            Assert.Contains($"top_class {top} {classes[top]}\n", stdout);
            var header = File.ReadAllText(Path.Combine(dir, "model.h"));
            Assert.Contains("#define MB_MODEL_NAME \"my \\\"model\\\" */ /* x\\012\\?\\?=\\303\\251vil\\\\\"", header);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("ab c", "ab_c")]
    [InlineData("__x__", "x")]
    [InlineData("9lives", "n9lives")]
    [InlineData("*/\n", "unnamed")]
    [InlineData("a..b--c", "a_b_c")]
    public void Identifiers_are_sanitized(string name, string expected) => Assert.Equal(expected, CIdentifiers.Identifier(name));

    [Fact]
    public void Comments_cannot_close_or_continue()
    {
        var text = CIdentifiers.Comment("a */ b /* c ??/\n\\ d é");
        Assert.DoesNotContain("*/", text);
        Assert.DoesNotContain("/*", text);
        Assert.DoesNotContain("??", text);
        Assert.DoesNotContain("\\", text);
        Assert.DoesNotContain("\n", text);
    }

    [Fact]
    public void Float_graphs_are_rejected_with_the_operator_named()
    {
        var b = new IrGraphBuilder("floaty");
        var x = b.Input("x", new[] { 1, 4, 4, 2 });
        var w = b.ConstantFloat("w", new[] { 2, 1, 1, 2 }, new[] { 1f, 2f, 3f, 4f });
        var y = b.Conv2D(x, w, null, new Conv2DAttributes(), "pw");
        var graph = b.Output(y).Build();
        var error = Assert.Throws<CBackEndException>(() => CBackEnd.Render(graph, CTarget.C, CEmitOptions.Default, out _));
        Assert.Contains("Conv2D 'pw'", error.Message);
        Assert.Contains("int8", error.Message);
    }

    [Fact]
    public void Sample_input_of_the_wrong_size_is_rejected()
    {
        var error = Assert.Throws<CBackEndException>(() =>
            CBackEnd.Render(CTestModels.Tiny(), CTarget.Esp32, new CEmitOptions(new sbyte[5]), out _));
        Assert.Contains("sample input has 5 bytes", error.Message);
    }
}
