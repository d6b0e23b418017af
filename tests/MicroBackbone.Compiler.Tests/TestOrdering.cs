using Xunit;

// Torch keeps one global random generator and one thread-count setting per process. Tests that seed it
// (model init, training, augmentation) must not interleave with others, or "same seed, same run" breaks.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
