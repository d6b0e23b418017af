namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;

/// <summary>
/// A family of oracle cases: single-operator (or whole-network) .tflite files written with our own TfliteWriter.
/// Every implementation in this assembly is found by reflection; <see cref="OracleCaseFilesTests"/> keeps the
/// checked-in <c>cases/NAME.tflite</c> equal to what <see cref="Cases"/> builds.
/// </summary>
public interface IOracleCaseSource
{
    /// <summary>Case names (file-name safe, unique across all sources) and the model bytes each builds.</summary>
    IEnumerable<(string Name, byte[] Model)> Cases();
}
