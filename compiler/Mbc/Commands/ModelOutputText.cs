using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using MicroBackbone.Compiler.IO;
using MicroBackbone.Ir;

namespace MicroBackbone.Cli.Commands;

/// <summary>
/// What <c>mbc run</c> prints and writes for the outputs of one inference, exactly as the host <c>main.c</c> of
/// <c>--target c</c> prints them: one value per line (int8 as an integer, float32 as C's <c>%.9g</c>); with one
/// output a last line <c>top_class INDEX [NAME]</c>; with several, a line <c>output K</c> before each.
/// </summary>
internal static class ModelOutputText
{
    /// <summary>The text for <paramref name="outputs"/> (each <c>sbyte[]</c> or <c>float[]</c>).</summary>
    public static string Format(IReadOnlyList<Array> outputs, IReadOnlyList<string> classNames)
    {
        var text = new StringBuilder();
        for (int k = 0; k < outputs.Count; k++)
        {
            if (outputs.Count > 1)
            {
                text.Append("output ").Append(k).Append('\n');
            }
            int top = 0;
            switch (outputs[k])
            {
                case sbyte[] y:
                    for (int i = 0; i < y.Length; i++)
                    {
                        text.Append(y[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
                        top = y[i] > y[top] ? i : top;
                    }
                    break;
                case float[] f:
                    for (int i = 0; i < f.Length; i++)
                    {
                        text.Append(Float(f[i])).Append('\n');
                        top = f[i] > f[top] ? i : top;
                    }
                    break;
            }
            if (outputs.Count == 1)
            {
                text.Append("top_class ").Append(top);
                if (classNames.Count > 0)
                {
                    text.Append(' ').Append(top < classNames.Count ? Rendering.PrintableText.Of(classNames[top]) : "?");
                }
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>The raw bytes of one output: int8 values, or float32 little-endian.</summary>
    public static byte[] Bytes(Array output)
    {
        if (output is float[] f)
        {
            var bytes = new byte[f.Length * 4];
            for (int i = 0; i < f.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4, 4), f[i]);
            }
            return bytes;
        }
        return (byte[])(Array)(sbyte[])output;
    }

    /// <summary>Writes <paramref name="output"/>'s raw bytes to <paramref name="path"/>.</summary>
    public static void Write(string path, Array output) => AtomicFile.WriteAllBytes(path, Bytes(output));

    /// <summary>A float as C's <c>printf("%.9g")</c> prints it for the finite values a Dequantize makes.</summary>
    public static string Float(float value)
    {
        string g = value.ToString("G9", CultureInfo.InvariantCulture);
        int e = g.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return g;
        }
        // .NET writes E+09 / E-05 with at least two exponent digits like C, only in upper case.
        return g.Substring(0, e) + "e" + g.Substring(e + 1);
    }
}
