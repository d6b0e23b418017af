namespace MicroBackbone.Fuzz;

/// <summary>One reader of mbc fed with fuzzed bytes, through the entry point its verbs call.</summary>
internal interface IFuzzTarget
{
    /// <summary>The name on the command line and of the seed folder under <c>corpora/</c>.</summary>
    string Name { get; }

    /// <summary>The file extension the input is written with: the CLI chooses the reader by it.</summary>
    string Extension { get; }

    /// <summary>What is read, for listings: the verb and entry point.</summary>
    string Reads { get; }

    /// <summary>Reads <paramref name="path"/> as the CLI does; a user error is a <c>MicroBackboneException</c>.</summary>
    void Read(string path);
}
