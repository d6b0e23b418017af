// RuntimeFeatures.UseVectorization is process-wide; tests that flip it must not overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
