using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Models;

/// <summary>An SRAM budget so small that even 8 channels in some section do not fit.</summary>
public sealed class ChannelBudgetException : MicroBackboneException
{
    /// <summary>Creates the error; <paramref name="message"/> names the variant, the section and the bytes needed.</summary>
    public ChannelBudgetException(string message)
        : base(message)
    {
    }
}
