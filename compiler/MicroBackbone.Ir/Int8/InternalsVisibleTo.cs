using System.Runtime.CompilerServices;

// The int8 tests check internal building blocks (frexp, input radius) against hand-worked values.
[assembly: InternalsVisibleTo("MicroBackbone.Ir.Tests")]
