using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MicroBackbone.Runtime;
using MicroBackbone.Runtime.SelfCheck;

// Prints one line per check, then "N checks, N different"; exits 1 when any check differs.
Console.WriteLine($"{RuntimeInformation.ProcessArchitecture}, {InstructionSets.Describe()}, Vector128 accelerated: {Vector128.IsHardwareAccelerated}");
var compare = new PathComparison(Console.Out);
KernelCases.Run(compare);

var image = new float[EdgeNano.InputLength];
for (int i = 0; i < image.Length; i++)
{
    image[i] = MathF.Sin(i * 0.37f) * 1.5f;
}

var model = new EdgeNano();
compare.Compare<float>("generated edge_nano, InvokeFloat", EdgeNano.OutputLength, logits => model.InvokeFloat(image, logits));
Console.WriteLine($"{compare.Checks} checks, {compare.Different} different");
return compare.Different == 0 ? 0 : 1;
