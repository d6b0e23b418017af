using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace MicroBackbone.Compiler.Config;

/// <summary>
/// Lets a split of an image_folder dataset be written as its folder alone (<c>train: train</c>), the form the
/// original project's configs and most tutorials use, besides the full mapping (<c>train: { folder: train }</c>).
/// </summary>
internal sealed class DatasetSplitShorthand : INodeDeserializer
{
    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer,
        out object? value, ObjectDeserializer rootDeserializer)
    {
        value = null;
        // An empty or null scalar (`train:`) keeps its old meaning: absent.
        if (expectedType != typeof(DatasetSplitConfig) || reader.Current is not Scalar scalar
            || scalar.Value.Length == 0 || (scalar.IsPlainImplicit && scalar.Value is "~" or "null" or "Null" or "NULL"))
        {
            return false;
        }
        reader.MoveNext();
        value = new DatasetSplitConfig { Folder = scalar.Value };
        return true;
    }
}
