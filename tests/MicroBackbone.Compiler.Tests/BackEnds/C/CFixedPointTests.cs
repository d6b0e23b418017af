using System.Globalization;
using System.Text;
using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Ir.Int8;

namespace MicroBackbone.Compiler.Tests.BackEnds.C;

/// <summary>
/// The C fixed-point helpers (mb_srdhm, mb_rdivpot, mb_mul_by_qm, mb_one_over_one_plus_x) against the int8 spec's
/// C# primitives on edge values (INT32_MIN/MAX, ties, exponents 0 and 31) and seeded random ones.
/// </summary>
public class CFixedPointTests
{
    [Fact]
    public void C_helpers_match_the_spec_primitives()
    {
        var rng = new Random(2024);
        var edges = new[] { int.MinValue, int.MinValue + 1, -(1 << 30), -3, -2, -1, 0, 1, 2, 3, 1 << 30, int.MaxValue - 1, int.MaxValue };
        int Any() => rng.Next(4) == 0 ? edges[rng.Next(edges.Length)] : unchecked((int)(uint)rng.NextInt64(0, 1L << 32));
        var pairs = edges.SelectMany(a => edges.Select(b => (a, b))).Concat(Enumerable.Range(0, 400).Select(_ => (a: Any(), b: Any()))).ToList();
        var divs = Enumerable.Range(0, 600).Select(i => (x: i < 64 ? edges[i % edges.Length] + (i / edges.Length) : Any(), e: i % 32)).ToList();
        var qms = Enumerable.Range(0, 600).Select(_ => (x: Any() >> rng.Next(0, 31), m: rng.Next(1 << 30, int.MaxValue), s: rng.Next(-31, 8))).ToList();
        var recips = Enumerable.Range(0, 300).Select(i => i < 3 ? new[] { 0, 1, int.MaxValue }[i] : rng.Next(0, int.MaxValue)).ToList();

        var c = new StringBuilder("#include <stdio.h>\n#include \"mb_kernels.h\"\n");
        c.Append("static const int32_t pa[] = {").Append(string.Join(",", pairs.Select(p => CLiterals.Int(p.a)))).Append("};\n");
        c.Append("static const int32_t pb[] = {").Append(string.Join(",", pairs.Select(p => CLiterals.Int(p.b)))).Append("};\n");
        c.Append("static const int32_t dx[] = {").Append(string.Join(",", divs.Select(d => CLiterals.Int(d.x)))).Append("};\n");
        c.Append("static const int32_t de[] = {").Append(string.Join(",", divs.Select(d => CLiterals.Int(d.e)))).Append("};\n");
        c.Append("static const int32_t qx[] = {").Append(string.Join(",", qms.Select(q => CLiterals.Int(q.x)))).Append("};\n");
        c.Append("static const int32_t qm[] = {").Append(string.Join(",", qms.Select(q => CLiterals.Int(q.m)))).Append("};\n");
        c.Append("static const int32_t qs[] = {").Append(string.Join(",", qms.Select(q => CLiterals.Int(q.s)))).Append("};\n");
        c.Append("static const int32_t rx[] = {").Append(string.Join(",", recips.Select(r => CLiterals.Int(r)))).Append("};\n");
        c.Append("#define N(a) (sizeof(a) / sizeof((a)[0]))\nint main(void)\n{\n    size_t i;\n");
        c.Append("    for (i = 0; i < N(pa); ++i) {\n        printf(\"%ld\\n\", (long)mb_srdhm(pa[i], pb[i]));\n    }\n");
        c.Append("    for (i = 0; i < N(dx); ++i) {\n        printf(\"%ld\\n\", (long)mb_rdivpot(dx[i], de[i]));\n    }\n");
        c.Append("    for (i = 0; i < N(qx); ++i) {\n        printf(\"%ld\\n\", (long)mb_mul_by_qm(qx[i], qm[i], qs[i]));\n    }\n");
        c.Append("    for (i = 0; i < N(rx); ++i) {\n        printf(\"%ld\\n\", (long)mb_one_over_one_plus_x(rx[i]));\n    }\n    return 0;\n}\n");

        var expected = pairs.Select(p => FixedPoint.SaturatingRoundingDoublingHighMul(p.a, p.b))
            .Concat(divs.Select(d => FixedPoint.RoundingDivideByPOT(d.x, d.e)))
            .Concat(qms.Select(q => FixedPoint.MultiplyByQuantizedMultiplier(q.x, q.m, q.s)))
            .Concat(recips.Select(FixedPointFunctions.OneOverOnePlusXForXIn01))
            .ToArray();

        var dir = CToolchain.TempDir("fixed");
        try
        {
            // The wide model uses softmax, so its kernel header carries every fixed-point helper.
            CBackEnd.Emit(CTestModels.Wide(), CTarget.C, dir);
            File.WriteAllText(Path.Combine(dir, "fixed.c"), c.ToString());
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} -Wno-unused-function -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -o fixed fixed.c", dir);
            var actual = CToolchain.Check(Path.Combine(dir, "fixed"), string.Empty, dir)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(expected, actual);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
