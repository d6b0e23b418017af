namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>A graph of tensors and operators (schema table <c>SubGraph</c>); subgraph 0 is the model's entry.</summary>
/// <param name="Name">Name for debugging.</param>
/// <param name="Tensors">All tensors of the subgraph.</param>
/// <param name="Inputs">Indices of the tensors fed by the caller.</param>
/// <param name="Outputs">Indices of the tensors returned to the caller.</param>
/// <param name="Operators">The operators in execution order.</param>
public sealed record TfliteSubgraph(
    string Name,
    StructuralList<TfliteTensor> Tensors,
    StructuralList<int> Inputs,
    StructuralList<int> Outputs,
    StructuralList<TfliteOperator> Operators);
