using System.Text;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>
/// Writes generated files: each goes to a temporary file in its final folder and is renamed over the target, so a
/// reader never sees a half-written file. UTF-8 without BOM, content written exactly as given.
/// </summary>
internal static class AtomicFileSet
{
    public static void Write(string root, IReadOnlyDictionary<string, string> files)
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (var pair in files.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var target = Path.Combine(root, pair.Key.Replace('/', Path.DirectorySeparatorChar));
            var folder = Path.GetDirectoryName(target)!;
            Directory.CreateDirectory(folder);
            var temp = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
            try
            {
                File.WriteAllText(temp, pair.Value, encoding);
                File.Move(temp, target, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }
    }
}
