namespace GenOrm.Tests.Helpers;

/// <summary>
/// Tests that change or measure process-wide state (the current directory, <see cref="Console.Out"/>, the managed heap) join this collection,
/// which xunit runs alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessStateCollection
{
    public const string Name = "Process state";
}
