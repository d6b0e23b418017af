namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// An entry of the model's operator table (schema table <c>OperatorCode</c>). The file stores the code twice: in the
/// old int8 <c>deprecated_builtin_code</c> (capped at 127) and in the int32 <c>builtin_code</c>; readers take the
/// larger of the two.
/// </summary>
/// <param name="BuiltinCode">The builtin operator.</param>
/// <param name="Version">Kernel version the operator needs (schema default 1).</param>
public sealed record TfliteOperatorCode(TfliteBuiltinOperator BuiltinCode, int Version = 1);
