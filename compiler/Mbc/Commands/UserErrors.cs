using MicroBackbone.Ir;

namespace MicroBackbone.Cli.Commands;

/// <summary>Turns a user mistake into one clear line on stderr and exit code 1; a bug still shows its stack.</summary>
internal static class UserErrors
{
    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (MicroBackboneException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 1;
        }
    }
}
