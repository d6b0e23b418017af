namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>What <see cref="TfliteBackEnd.Emit"/> produced, for the CLI's report.</summary>
/// <param name="ModelFile">The <c>.tflite</c> file's relative path.</param>
/// <param name="ModelBytes">Size of the flatbuffer.</param>
/// <param name="ArenaBytes">The tensor arena the sketch reserves (planned activations plus margin).</param>
/// <param name="Operators">TFLite operators in the model.</param>
/// <param name="OperatorKinds">Distinct builtins, i.e. the resolver's size.</param>
/// <param name="Files">Every written file's relative path, sorted.</param>
public sealed record TfliteEmitSummary(string ModelFile, int ModelBytes, long ArenaBytes, int Operators, int OperatorKinds, IReadOnlyList<string> Files);
