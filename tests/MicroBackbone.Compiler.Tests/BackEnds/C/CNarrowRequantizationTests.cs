using System.Globalization;
using System.Text;
using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Ir.Int8;

namespace MicroBackbone.Compiler.Tests.BackEnds.C;

/// <summary>
/// The scalar-core kernels' one-multiply requantization (mb_rqn_prepare / mb_rqn_apply, docs/INT8.md 2.4.2) against
/// the spec's MultiplyByQuantizedMultiplier + zero point, and its bias bound (mb_rqn_fits) at the edges, with and
/// without a high-multiply instruction; and which pointwise layers the C back end specializes to their depth.
/// </summary>
public class CNarrowRequantizationTests
{
    [Theory]
    [InlineData("")]
    [InlineData("-DMB_HAVE_MULH=0")]
    public void Narrow_requantization_matches_the_spec(string defines)
    {
        var rng = new Random(29);
        var edges = new[] { -(1 << 29) + 1, -(1 << 28), -65536, -2, -1, 0, 1, 2, 65535, (1 << 28) - 1, (1 << 29) - 1 };
        var cases = Enumerable.Range(0, 4000).Select(i =>
        {
            var acc = i < 400 ? edges[i % edges.Length] + (i / edges.Length % 5) - 2 : rng.Next(4) switch
            {
                0 => rng.Next(-(1 << 29) + 1, 1 << 29),
                1 => rng.Next(-100000, 100001),
                2 => rng.Next(-1000, 1001),
                _ => rng.Next(-(1 << 29) + 1, 1 << 29) >> rng.Next(0, 29),
            };
            acc = Math.Clamp(acc, -(1 << 29) + 1, (1 << 29) - 1);
            var mult = rng.Next(3) == 0 ? rng.Next(0, 8) : rng.Next(1 << 30, int.MaxValue);
            return (acc, mult, shift: -rng.Next(1, 21), zp: rng.Next(-128, 128));
        }).ToList();

        var c = new StringBuilder("#include <stdio.h>\n#include \"mb_kernels.h\"\n");
        foreach (var (name, values) in new[]
        {
            ("ca", cases.Select(t => t.acc)), ("cm", cases.Select(t => t.mult)), ("cs", cases.Select(t => t.shift)), ("cz", cases.Select(t => t.zp)),
        })
        {
            c.Append("static const int32_t ").Append(name).Append("[] = {").Append(string.Join(",", values.Select(v => CLiterals.Int(v)))).Append("};\n");
        }

        c.Append("int main(void)\n{\n    size_t i;\n    mb_rqn_t q;\n");
        c.Append("    for (i = 0; i < sizeof(ca) / sizeof(ca[0]); ++i) {\n");
        c.Append("        if (!mb_rqn_prepare(&q, cm[i], cs[i], cz[i])) {\n            return 2;\n        }\n");
        c.Append("        printf(\"%ld\\n\", (long)mb_rqn_apply(ca[i], &q));\n    }\n");
        // Shifts outside [-20, -1] are refused; the bias bound is exact at its edge (2^29 - 1 - k * 2^14).
        c.Append("    printf(\"%d %d %d %d\\n\", mb_rqn_prepare(&q, 1 << 30, 0, 0), mb_rqn_prepare(&q, 1 << 30, -21, 0), mb_rqn_prepare(&q, 1 << 30, -1, 0), mb_rqn_prepare(&q, 1 << 30, -20, 0));\n");
        c.Append("    printf(\"%d %d %d %d %d\\n\", mb_rqn_fits(536870911 - 16 * 16384, 16), mb_rqn_fits(536870912 - 16 * 16384, 16), mb_rqn_fits(-536870911 + 16 * 16384, 16), mb_rqn_fits(-536870912 + 16 * 16384, 16), mb_rqn_fits(0, 32767));\n");
        c.Append("    return 0;\n}\n");

        var expected = cases.Select(t => (FixedPoint.MultiplyByQuantizedMultiplier(t.acc, t.mult, t.shift) + t.zp).ToString(CultureInfo.InvariantCulture))
            .Append("0 0 1 1").Append("1 0 1 0 0").ToArray();

        var dir = CToolchain.TempDir("narrow");
        try
        {
            CBackEnd.Emit(CTestModels.Wide(), CTarget.C, dir);
            File.WriteAllText(Path.Combine(dir, "narrow.c"), c.ToString());
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} -Wno-unused-function -DMB_SCALAR_CORE=1 {defines} -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -o narrow narrow.c", dir);
            var actual = CToolchain.Check(Path.Combine(dir, "narrow"), string.Empty, dir).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(expected, actual);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// mb_mulh_pos (Xtensa's product after a fused ReLU, docs/INT8.md 2.4.3): the high word of a non-negative
    /// accumulator times four by the multiplier from four unsigned 16-bit products, and the narrow requantization
    /// built on it, against the 64-bit product and the spec. The portable form of mb_mul16u runs here; lx106 runs the
    /// instruction (Models_on_lx106_compute_the_reference_output).
    /// </summary>
    [Fact]
    public void Unsigned_high_word_matches_the_64_bit_product()
    {
        var rng = new Random(31);
        var edges = new[] { 0, 1, 2, 65535, 65536, (1 << 28) - 1, 1 << 28, (1 << 29) - 2, (1 << 29) - 1 };
        var mults = new[] { 0, 1, 65535, 65536, 1 << 30, int.MaxValue - 1, int.MaxValue };
        var cases = Enumerable.Range(0, 2000).Select(i =>
        {
            var acc = i < 63 ? edges[i % edges.Length] : rng.Next(3) switch
            {
                0 => rng.Next(0, 1 << 29),
                1 => rng.Next(0, 100001),
                _ => rng.Next(0, 1 << 29) >> rng.Next(0, 29),
            };
            var mult = i < 63 ? mults[i / edges.Length] : rng.Next(4) == 0 ? rng.Next(0, 65536) : rng.Next(1 << 30, int.MaxValue);
            return (acc, mult, shift: -rng.Next(1, 21), zp: rng.Next(-128, 128));
        }).ToList();

        var c = new StringBuilder("#include <stdio.h>\n#include \"mb_kernels.h\"\n");
        foreach (var (name, values) in new[]
        {
            ("ca", cases.Select(t => t.acc)), ("cm", cases.Select(t => t.mult)), ("cs", cases.Select(t => t.shift)), ("cz", cases.Select(t => t.zp)),
        })
        {
            c.Append("static const int32_t ").Append(name).Append("[] = {").Append(string.Join(",", values.Select(v => CLiterals.Int(v)))).Append("};\n");
        }

        c.Append("int main(void)\n{\n    size_t i;\n    mb_rqn_t q;\n");
        c.Append("    for (i = 0; i < sizeof(ca) / sizeof(ca[0]); ++i) {\n");
        c.Append("        const int32_t h = mb_mulh_pos((uint32_t)ca[i] << 2, (uint32_t)cm[i], (uint32_t)cm[i] >> 16);\n");
        c.Append("        (void)mb_rqn_prepare(&q, cm[i], cs[i], cz[i]);\n");
        c.Append("        printf(\"%ld %ld\\n\", (long)h, (long)((h + q.b) >> q.r1));\n    }\n    return 0;\n}\n");

        var expected = cases.Select(t => string.Create(CultureInfo.InvariantCulture,
            $"{((long)t.acc * 4 * t.mult) >> 32} {FixedPoint.MultiplyByQuantizedMultiplier(t.acc, t.mult, t.shift) + t.zp}")).ToArray();

        var dir = CToolchain.TempDir("mulhpos");
        try
        {
            CBackEnd.Emit(CTestModels.Wide(), CTarget.C, dir);
            File.WriteAllText(Path.Combine(dir, "mulhpos.c"), c.ToString());
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} -Wno-unused-function -DMB_SCALAR_CORE=1 -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -o mulhpos mulhpos.c", dir);
            var actual = CToolchain.Check(Path.Combine(dir, "mulhpos"), string.Empty, dir).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(expected, actual);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Only_layers_the_specialized_kernel_can_run_are_specialized()
    {
        var ok = Enumerable.Repeat(new QuantizedMultiplier(1 << 30, -7), 8).ToArray();
        var bias = new int[8];
        Assert.True(FixedShapeKernels.Fits(48, 48, 64, 8, bias, ok));
        Assert.False(FixedShapeKernels.Fits(48, 48, 64, 6, bias[..6], ok[..6]));                   // not whole blocks of 4 channels
        Assert.False(FixedShapeKernels.Fits(48, 48, 1, 8, bias, ok));                              // a single pixel (SE, fully connected)
        Assert.False(FixedShapeKernels.Fits(600, 600, 64, 8, bias, ok));                           // strides past an immediate offset
        var shiftZero = ok.Select((m, i) => i == 3 ? new QuantizedMultiplier(1 << 30, 0) : m).ToArray();
        Assert.False(FixedShapeKernels.Fits(48, 48, 64, 8, bias, shiftZero));
        var shiftFar = ok.Select((m, i) => i == 3 ? new QuantizedMultiplier(1 << 30, -21) : m).ToArray();
        Assert.False(FixedShapeKernels.Fits(48, 48, 64, 8, bias, shiftFar));
        var edge = (1 << 29) - 1 - (48 << 14);
        Assert.True(FixedShapeKernels.Fits(48, 48, 64, 8, bias.Select((_, i) => i == 0 ? -edge : edge).ToArray(), ok));
        Assert.False(FixedShapeKernels.Fits(48, 48, 64, 8, bias.Select((_, i) => i == 5 ? edge + 1 : 0).ToArray(), ok));
    }
}
