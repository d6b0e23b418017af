// Kernels stackalloc per call (packed weights, accumulators); zeroing them first would cost as much as the packing.
[module: System.Runtime.CompilerServices.SkipLocalsInit]
