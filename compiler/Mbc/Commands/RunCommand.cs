using System.CommandLine;
using MicroBackbone.Compiler.Compilation;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Data;
using MicroBackbone.Compiler.IO;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Quantization;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Cli.Commands;

/// <summary>
/// <c>mbc run MODEL --input X</c>: one inference with the int8 reference interpreter. Prints exactly what the host
/// <c>main.c</c> of <c>--target c</c> prints for the same raw input (one int8 output per line, then
/// <c>top_class</c>), so the two can be compared with <c>diff</c>. A model with state (SVDF) runs one call from the
/// reset state (all state zero), like TFLite Micro right after <c>Reset()</c>.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var modelPath = new Argument<string>("model") { Description = "A quantized .pth, an int8 .mbir or .tflite (a float .pth is calibrated first)." };
        var input = new Option<string>("--input") { Description = "A raw file of exactly the model's int8 NHWC input bytes, or an image (PNG/JPEG).", Required = true };
        var output = new Option<string?>("--output") { Description = "Also write the raw int8 output bytes to this file." };
        var saveInput = new Option<string?>("--save-input") { Description = "Write the int8 input bytes the image became (to feed the generated C)." };
        var inputs = new ModelInputOptions();
        var command = new Command("run", "Run one input through the int8 reference interpreter.") { modelPath, input, output, saveInput };
        inputs.AddTo(command);
        command.SetAction(parse => UserErrors.Run(() =>
        {
            (LoadedModel loaded, DatasetConfig dataset, ModelSpec spec, Func<IReadOnlyList<float[]>> calibration) =
                inputs.Open(parse, parse.GetValue(modelPath)!);
            IrGraph graph = EdgeQuantization.Strip(StaticQuantization.ToInt8(loaded, calibration));
            IrTensor inputTensor = graph.Tensor(graph.Inputs[0]);
            string inputPath = parse.GetValue(input)!;
            sbyte[] x = ModelInputBytes.Read(inputPath, inputTensor, dataset, spec);
            if (parse.GetValue(saveInput) is { } inputCopy)
            {
                AtomicFile.WriteAllBytes(inputCopy, (byte[])(Array)x);
            }
            sbyte[] y = new Int8Interpreter(graph).Run(x);
            if (parse.GetValue(output) is { } outputPath)
            {
                AtomicFile.WriteAllBytes(outputPath, (byte[])(Array)y);
            }
            var text = new System.Text.StringBuilder();
            int top = 0;
            for (int i = 0; i < y.Length; i++)
            {
                text.Append(y[i]).Append('\n');
                top = y[i] > y[top] ? i : top;
            }
            text.Append("top_class ").Append(top);
            if (graph.ClassNames.Count > 0)
            {
                text.Append(' ').Append(top < graph.ClassNames.Count ? Rendering.PrintableText.Of(graph.ClassNames[top]) : "?");
            }
            Console.Out.Write(text.Append('\n').ToString());
            return 0;
        }));
        return command;
    }
}
