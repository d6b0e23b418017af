namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;

/// <summary>
/// The checked-in case models are exactly what their builders write (so a golden always belongs to the model it was
/// made from), and every case has TFLite Micro's golden. With MB_WRITE_ORACLE_CASES=1 the test writes the models
/// instead; then run the oracle runner on them (README.md beside this file).
/// </summary>
public class OracleCaseFilesTests
{
    [Fact]
    public void Case_models_equal_their_builders_and_have_goldens()
    {
        var built = OracleCaseFiles.Built();
        Assert.Equal(built.Count, built.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
        var write = Environment.GetEnvironmentVariable("MB_WRITE_ORACLE_CASES") == "1";
        var problems = new List<string>();
        foreach (var (name, model) in built)
        {
            var path = OracleCaseFiles.Model(name);
            if (write)
            {
                if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(model))
                {
                    File.WriteAllBytes(path, model);
                }
            }
            else if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(model))
            {
                problems.Add($"{name}.tflite differs from its builder (rewrite with MB_WRITE_ORACLE_CASES=1, then remake its golden)");
            }

            if (!File.Exists(OracleCaseFiles.Golden(name)))
            {
                problems.Add($"{name} has no golden file");
            }
        }

        var orphans = Directory.EnumerateFiles(OracleCaseFiles.Folder, "*.tflite")
            .Select(p => Path.GetFileNameWithoutExtension(p))
            .Except(built.Select(c => c.Name), StringComparer.Ordinal);
        problems.AddRange(orphans.Select(o => $"{o}.tflite has no builder"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
