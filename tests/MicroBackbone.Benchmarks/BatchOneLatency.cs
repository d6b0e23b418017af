using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Benchmarks;

/// <summary>
/// One image (1x32x32 grayscale) through one model: the generated int8 C#; ONNX Runtime on the same int8 model in QDQ
/// form (<c>model_int8.onnx</c>, which it runs with its integer kernels) and on the float ONNX, each with one intra-op
/// thread and with its default; and TorchSharp eval of the float deploy module (one thread). ORT int8 with one thread
/// is the baseline, so the Ratio column is each way's time over it.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class BatchOneLatency
{
    private readonly float[] input = new float[32 * 32];
    private readonly float[] logits = new float[10];
    private readonly float[] ortLogits = new float[10];
    private EdgeNano? nano;
    private EdgeMicro? micro;
    private EdgeSmall? small;
    private FloatModel? floatModel;
    private InferenceSession? ortOneThread;
    private InferenceSession? ortDefault;
    private InferenceSession? ortInt8OneThread;
    private InferenceSession? ortInt8Default;
    private RunOptions? runOptions;
    private OrtValue[] ortInputs = [];
    private OrtValue[] ortOutputs = [];
    private string[] inputNames = [];
    private string[] outputNames = [];
    private string[] int8InputNames = [];
    private string[] int8OutputNames = [];
    private Tensor? torchInput;

    /// <summary>The model: edge_nano (shipped, trained) or the random-weight edge_micro / edge_small.</summary>
    [Params("edge_nano", "edge_micro", "edge_small")]
    public string Arch { get; set; } = "edge_nano";

    /// <summary>Builds every engine for <see cref="Arch"/> and runs each once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < input.Length; i++)
        {
            // A fixed, image-like pattern in the normalised range; no engine's speed depends on the values.
            input[i] = MathF.Sin(i * 0.37f) * 1.5f;
        }
        nano = Arch == "edge_nano" ? new EdgeNano() : null;
        micro = Arch == "edge_micro" ? new EdgeMicro() : null;
        small = Arch == "edge_small" ? new EdgeSmall() : null;

        floatModel = FloatModel.Create(Arch);
        torch.set_num_threads(1);
        torchInput = torch.tensor(input, [1, 1, 32, 32]);

        using (var one = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 })
        {
            ortOneThread = new InferenceSession(floatModel.Onnx, one);
        }
        ortDefault = new InferenceSession(floatModel.Onnx);
        byte[] qdq = QdqModel.Create(Arch);
        using (var one = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 })
        {
            ortInt8OneThread = new InferenceSession(qdq, one);
        }
        ortInt8Default = new InferenceSession(qdq);
        int8InputNames = [.. ortInt8OneThread.InputMetadata.Keys];
        int8OutputNames = [.. ortInt8OneThread.OutputMetadata.Keys];
        if (!ortInt8OneThread.InputMetadata[ortInt8OneThread.InputNames[0]].Dimensions.SequenceEqual(ortOneThread.InputMetadata[ortOneThread.InputNames[0]].Dimensions))
        {
            throw new InvalidOperationException("the int8 and float ONNX models take differently shaped input");
        }
        inputNames = [.. ortOneThread.InputMetadata.Keys];
        outputNames = [.. ortOneThread.OutputMetadata.Keys];
        // The exporter writes NCHW [1, 1, 32, 32]; with one channel that is the same memory as the NHWC input.
        long[] inputShape = [.. ortOneThread.InputMetadata[inputNames[0]].Dimensions.Select(d => (long)d)];
        ortInputs = [OrtValue.CreateTensorValueFromMemory(input, inputShape)];
        ortOutputs = [OrtValue.CreateTensorValueFromMemory(ortLogits, [1, 10])];
        runOptions = new RunOptions();

        GeneratedCSharp();
        OnnxRuntimeOneThread();
        OnnxRuntimeDefaultThreads();
        OnnxRuntimeInt8OneThread();
        OnnxRuntimeInt8DefaultThreads();
        TorchSharpEval();
    }

    /// <summary>Releases the native sessions, values and tensors.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (OrtValue value in ortInputs.Concat(ortOutputs))
        {
            value.Dispose();
        }
        runOptions?.Dispose();
        ortOneThread?.Dispose();
        ortDefault?.Dispose();
        ortInt8OneThread?.Dispose();
        ortInt8Default?.Dispose();
        torchInput?.Dispose();
        floatModel?.Dispose();
    }

    /// <summary>The [MicroModel] class: quantize, int8 kernels, dequantize the logits.</summary>
    [Benchmark(Description = "generated C# int8")]
    public float GeneratedCSharp()
    {
        if (nano != null)
        {
            nano.InvokeFloat(input, logits);
        }
        else if (micro != null)
        {
            micro.InvokeFloat(input, logits);
        }
        else
        {
            small!.InvokeFloat(input, logits);
        }
        return logits[0];
    }

    /// <summary>
    /// ONNX Runtime on the QDQ int8 model (same weights, scales and input as the generated class), one intra-op thread,
    /// reusing pre-allocated input and output values.
    /// </summary>
    [Benchmark(Baseline = true, Description = "ORT int8 (QDQ), 1 thread")]
    public float OnnxRuntimeInt8OneThread()
    {
        ortInt8OneThread!.Run(runOptions!, int8InputNames, ortInputs, int8OutputNames, ortOutputs);
        return ortLogits[0];
    }

    /// <summary>ONNX Runtime on the QDQ int8 model with its default threading.</summary>
    [Benchmark(Description = "ORT int8, default threads")]
    public float OnnxRuntimeInt8DefaultThreads()
    {
        ortInt8Default!.Run(runOptions!, int8InputNames, ortInputs, int8OutputNames, ortOutputs);
        return ortLogits[0];
    }

    /// <summary>ONNX Runtime, one intra-op thread, reusing pre-allocated input and output values.</summary>
    [Benchmark(Description = "ORT float, 1 thread")]
    public float OnnxRuntimeOneThread()
    {
        ortOneThread!.Run(runOptions!, inputNames, ortInputs, outputNames, ortOutputs);
        return ortLogits[0];
    }

    /// <summary>ONNX Runtime with its default threading, reusing pre-allocated input and output values.</summary>
    [Benchmark(Description = "ORT float, default threads")]
    public float OnnxRuntimeDefaultThreads()
    {
        ortDefault!.Run(runOptions!, inputNames, ortInputs, outputNames, ortOutputs);
        return ortLogits[0];
    }

    /// <summary>TorchSharp eval of the float deploy module under no_grad, one thread.</summary>
    [Benchmark(Description = "TorchSharp float, 1 thread")]
    public float TorchSharpEval()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor output = floatModel!.Deploy.forward(torchInput!);
        return output[0, 0].ToSingle();
    }
}
