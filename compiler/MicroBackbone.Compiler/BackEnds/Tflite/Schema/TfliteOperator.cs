namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>One operator of a subgraph (schema table <c>Operator</c>), in execution order.</summary>
/// <param name="OpcodeIndex">Index into <see cref="TfliteModel.OperatorCodes"/>.</param>
/// <param name="Inputs">Tensor indices of the inputs; -1 marks an omitted optional input.</param>
/// <param name="Outputs">Tensor indices of the outputs.</param>
/// <param name="Options">The builtin options table, or null when the operator has none.</param>
public sealed record TfliteOperator(
    int OpcodeIndex,
    StructuralList<int> Inputs,
    StructuralList<int> Outputs,
    TfliteBuiltinOptions? Options = null);
