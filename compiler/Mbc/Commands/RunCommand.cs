using System.CommandLine;
using MicroBackbone.Compiler.Compilation;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.IO;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Quantization;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Cli.Commands;

/// <summary>
/// <c>mbc run MODEL --input X [--input Y ...] [--output A ...]</c>: one inference with the int8 reference
/// interpreter, one <c>--input</c> per model input and at most one <c>--output</c> per model output, in the model's
/// order. A file that is already int8 (a <c>.tflite</c>, an int8 <c>.mbir</c>) takes and returns every edge in the
/// type it declares (float32 where it quantizes or dequantizes itself, as TFLite Micro does); a checkpoint quantized
/// here runs on its int8 tensors (what its exported <c>.tflite</c> declares). Prints exactly what the host
/// <c>main.c</c> of <c>--target c</c> prints (<see cref="ModelOutputText"/>), so the two can be compared with <c>diff</c>.
/// A model with state (SVDF) runs one call from the reset state (all state zero), like TFLite Micro right after
/// <c>Reset()</c>.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var modelPath = new Argument<string>("model") { Description = "A quantized .pth, an int8 .mbir or .tflite (a float .pth is calibrated first)." };
        var input = new Option<string[]>("--input")
        {
            Description = "One per model input, in order: a raw file of exactly its NHWC values (int8 bytes, or float32 little-endian for a float input), or an image (PNG/JPEG).",
            Required = true,
        };
        var output = new Option<string[]>("--output") { Description = "Also write the raw bytes of each output (int8, or float32 little-endian) to these files, one per model output in order." };
        var saveInput = new Option<string?>("--save-input") { Description = "Write the input bytes the image became (to feed the generated C)." };
        var inputs = new ModelInputOptions();
        var command = new Command("run", "Run one input through the int8 reference interpreter.") { modelPath, input, output, saveInput };
        inputs.AddTo(command);
        command.SetAction(parse => UserErrors.Run(() =>
        {
            string path = parse.GetValue(modelPath)!;
            (LoadedModel loaded, DatasetConfig dataset, ModelSpec spec, Func<IReadOnlyList<float[]>> calibration) = inputs.Open(parse, path);
            inputs.RefuseUnusedCalibration(parse, loaded);
            IrGraph int8 = StaticQuantization.ToInt8(loaded, calibration, inputs.Calibration.ObserverKind(parse));
            // A file already in int8 declares its edges; a checkpoint's float edges are ours, and its .tflite drops them.
            IrGraph graph = loaded.Spec is null && loaded.IsInt8 ? int8 : EdgeQuantization.Strip(int8);
            var interpreter = new Int8Interpreter(graph);
            string[] inputPaths = parse.GetValue(input) ?? [];
            string[] outputPaths = parse.GetValue(output) ?? [];
            int inputCount = interpreter.Inputs.Count, outputCount = interpreter.Outputs.Count;
            if (inputPaths.Length != inputCount)
            {
                throw new MicroBackboneException(
                    $"{path}: the model has {inputCount} input(s) ({Names(interpreter.DeclaredInputs)}); got {inputPaths.Length} --input (one per input, in order)");
            }
            if (outputPaths.Length > 0 && outputPaths.Length != outputCount)
            {
                throw new MicroBackboneException(
                    $"{path}: the model has {outputCount} output(s) ({Names(interpreter.DeclaredOutputs)}); got {outputPaths.Length} --output (none, or one per output, in order)");
            }
            var x = new Array[inputCount];
            for (int k = 0; k < inputCount; k++)
            {
                string role = inputCount == 1 ? "the model's input" : $"the model's input {k}";
                x[k] = ModelInputBytes.Read(inputPaths[k], interpreter.DeclaredInputs[k], interpreter.Inputs[k], dataset, spec, role);
            }
            if (parse.GetValue(saveInput) is { } inputCopy)
            {
                if (inputCount != 1)
                {
                    throw new MicroBackboneException($"{path}: --save-input needs a model with one input; this one has {inputCount}");
                }
                ModelOutputText.Write(inputCopy, x[0]);
            }
            Array[] y = interpreter.RunDeclared(x);
            for (int k = 0; k < outputPaths.Length; k++)
            {
                ModelOutputText.Write(outputPaths[k], y[k]);
            }
            Console.Out.Write(ModelOutputText.Format(y, graph.ClassNames));
            return 0;
        }));
        return command;
    }

    private static string Names(IReadOnlyList<IrTensor> tensors) => string.Join(", ", tensors.Select(t => t.Describe()));
}
