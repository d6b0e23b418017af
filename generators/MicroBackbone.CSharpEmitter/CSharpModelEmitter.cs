using MicroBackbone.CSharpEmitter.Emitting;
using MicroBackbone.CSharpEmitter.Lowering;
using MicroBackbone.Ir;

namespace MicroBackbone.CSharpEmitter;

/// <summary>
/// The C# back end: writes the allocation-free inference class for a quantized graph, exactly as the
/// <c>[MicroModel]</c> source generator does (it runs this same code), for <c>mbc compile</c> with the C# target.
/// The class calls the int8 kernels of the MicroBackbone.Runtime package.
/// </summary>
public static class CSharpModelEmitter
{
    /// <summary>
    /// The source of <c>partial class <paramref name="className"/></c> for <paramref name="graph"/>. Throws
    /// <see cref="IrValidationException"/> for an invalid graph and <see cref="CSharpEmitException"/> for a graph
    /// the C# back end does not support or an invalid namespace/class name.
    /// </summary>
    /// <param name="graph">An int8 graph (float32 input/output edges through one Quantize/Dequantize are fine).</param>
    /// <param name="namespace">Dotted namespace of the class, or null/empty for the global namespace.</param>
    /// <param name="className">Name of the class (a C# identifier).</param>
    /// <param name="sourceName">Name of the model file for comments; defaults to the graph name plus <c>.mbir</c>.</param>
    public static string Emit(IrGraph graph, string? @namespace, string className, string? sourceName = null)
    {
        if (!CSharpIdentifier.IsValid(className))
        {
            throw new CSharpEmitException($"C# back end: class name '{className}' is not a C# identifier (ASCII letters, digits and '_', not starting with a digit, not a keyword)");
        }

        var ns = string.IsNullOrEmpty(@namespace) ? null : @namespace;
        if (ns is not null && !CSharpIdentifier.IsValidNamespace(ns))
        {
            throw new CSharpEmitException($"C# back end: namespace '{ns}' is not a dotted list of C# identifiers");
        }

        var spec = ModelLowering.Lower(graph);
        return ModelEmitter.Emit(spec, ns, className, sourceName ?? graph.Name + ".mbir");
    }
}
