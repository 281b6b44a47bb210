using System.Management.Automation;

namespace EmptyBinaryModule
{
    /// <summary>The one cmdlet of the floor module: does nothing.</summary>
    [Cmdlet(VerbsCommon.Get, "Nothing")]
    public sealed class GetNothingCommand : PSCmdlet
    {
    }
}
