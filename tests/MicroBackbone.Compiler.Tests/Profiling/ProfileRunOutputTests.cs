using MicroBackbone.Compiler.Profiling;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Tests.Profiling;

/// <summary>Reading what a profile program prints, and what binutils size prints about model.o.</summary>
public class ProfileRunOutputTests
{
    [Fact]
    public void Marks_and_output_are_read_and_other_lines_ignored()
    {
        var run = ProfileRunOutput.Parse("qemu: notice\nmark 0 100\nmark 2 350\nmark 1 180\noutput -128 0 127\n", markCount: 3);

        Assert.Equal(new long[] { 100, 180, 350 }, run.Marks);
        Assert.Equal(new sbyte[] { -128, 0, 127 }, run.Output);
        Assert.Equal(250, run.Between(0, 2));
    }

    [Fact]
    public void A_missing_mark_or_output_is_an_error_naming_it()
    {
        var e = Assert.Throws<MicroBackboneException>(() => ProfileRunOutput.Parse("mark 0 1\noutput 1\n", markCount: 2));
        Assert.Contains("no 'mark 1' line", e.Message);
        e = Assert.Throws<MicroBackboneException>(() => ProfileRunOutput.Parse("mark 0 1\n", markCount: 1));
        Assert.Contains("no 'output' line", e.Message);
    }

    [Fact]
    public void Sections_are_summed_by_kind()
    {
        const string size = """
            model.o  :
            section                   size   addr
            .text                        0      0
            .text.mb_model_run         400      0
            .text.mb_model_invoke       20      0
            .bss.mb_arena             4096      0
            .sbss.x                      4      0
            .rodata.l0_w               256      0
            .srodata.l0_shift            8      0
            .sdata.y                     4      0
            .comment                    39      0
            Total                     4827
            """;

        Assert.Equal(new SectionSizes(Text: 420, Rodata: 264, Data: 4, Bss: 4100), SectionSizes.Parse(size));
    }
}
