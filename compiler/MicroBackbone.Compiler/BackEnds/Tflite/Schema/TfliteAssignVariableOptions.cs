namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of ASSIGN_VARIABLE (schema table <c>AssignVariableOptions</c>, which has no fields).</summary>
public sealed record TfliteAssignVariableOptions : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.AssignVariableOptions;
}
