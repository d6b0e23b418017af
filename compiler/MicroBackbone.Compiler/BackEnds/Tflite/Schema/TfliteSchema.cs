namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// Layout facts of the TFLite flatbuffer schema, version 3 (tensorflow/lite/schema/schema.fbs, file identifier
/// "TFL3"): the field slot of every table field we read or write (options tables: <see cref="TfliteOptionsTables"/>). A slot is the field's declaration index in its
/// table; a union field takes two slots (its type byte, then its value). The vtable byte offset of slot s is 4 + 2s.
/// </summary>
internal static class TfliteSchema
{
    /// <summary>The four identifier bytes at offset 4 of every TFLite file.</summary>
    public const string FileIdentifier = "TFL3";

    /// <summary>The schema version written to and required in <c>Model.version</c>.</summary>
    public const uint Version = 3;

    /// <summary>Name of the metadata entry whose buffer holds the oldest runtime able to run the model.</summary>
    public const string MinRuntimeVersionMetadata = "min_runtime_version";

    /// <summary>Fields of table <c>Model</c>.</summary>
    public static class Model
    {
        public const int FieldCount = 8;
        public const int Version = 0;
        public const int OperatorCodes = 1;
        public const int Subgraphs = 2;
        public const int Description = 3;
        public const int Buffers = 4;
        public const int MetadataBuffer = 5;
        public const int Metadata = 6;
        public const int SignatureDefs = 7;
    }

    /// <summary>Fields of table <c>OperatorCode</c>.</summary>
    public static class OperatorCode
    {
        public const int FieldCount = 4;
        public const int DeprecatedBuiltinCode = 0;
        public const int CustomCode = 1;
        public const int Version = 2;
        public const int BuiltinCode = 3;

        /// <summary>The last code that fits the old int8 field; larger codes store this placeholder there.</summary>
        public const int PlaceholderForGreaterOpCodes = 127;
    }

    /// <summary>Fields of table <c>SubGraph</c>.</summary>
    public static class SubGraph
    {
        public const int FieldCount = 5;
        public const int Tensors = 0;
        public const int Inputs = 1;
        public const int Outputs = 2;
        public const int Operators = 3;
        public const int Name = 4;
    }

    /// <summary>Fields of table <c>Tensor</c>.</summary>
    public static class Tensor
    {
        public const int FieldCount = 9;
        public const int Shape = 0;
        public const int Type = 1;
        public const int Buffer = 2;
        public const int Name = 3;
        public const int Quantization = 4;
        public const int IsVariable = 5;
        public const int Sparsity = 6;
        public const int ShapeSignature = 7;
        public const int HasRank = 8;
    }

    /// <summary>Fields of table <c>QuantizationParameters</c>.</summary>
    public static class Quantization
    {
        public const int FieldCount = 7;
        public const int Min = 0;
        public const int Max = 1;
        public const int Scale = 2;
        public const int ZeroPoint = 3;
        public const int DetailsType = 4;
        public const int Details = 5;
        public const int QuantizedDimension = 6;
    }

    /// <summary>Fields of table <c>Operator</c>.</summary>
    public static class Operator
    {
        public const int FieldCount = 9;
        public const int OpcodeIndex = 0;
        public const int Inputs = 1;
        public const int Outputs = 2;
        public const int BuiltinOptionsType = 3;
        public const int BuiltinOptions = 4;
        public const int CustomOptions = 5;
        public const int CustomOptionsFormat = 6;
        public const int MutatingVariableInputs = 7;
        public const int Intermediates = 8;
        public const int BuiltinOptions2Type = 11;
    }

    /// <summary>Fields of table <c>Buffer</c>.</summary>
    public static class Buffer
    {
        public const int FieldCount = 1;
        public const int Data = 0;
        public const int Offset = 1;
        public const int Size = 2;

        /// <summary>Alignment of buffer data in the file: TFLite Micro reads weights in place.</summary>
        public const int DataAlignment = 16;
    }

    /// <summary>Fields of table <c>SignatureDef</c> (slot 3, deprecated_tag, is no longer written).</summary>
    public static class SignatureDef
    {
        public const int FieldCount = 5;
        public const int Inputs = 0;
        public const int Outputs = 1;
        public const int SignatureKey = 2;
        public const int SubgraphIndex = 4;
    }

    /// <summary>Fields of table <c>TensorMap</c>.</summary>
    public static class TensorMap
    {
        public const int FieldCount = 2;
        public const int Name = 0;
        public const int TensorIndex = 1;
    }

    /// <summary>Fields of table <c>Metadata</c>.</summary>
    public static class Metadata
    {
        public const int FieldCount = 2;
        public const int Name = 0;
        public const int Buffer = 1;
    }
}
