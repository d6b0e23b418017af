using MicroBackbone.Ir.Format;
using MicroBackbone.Ir.Planning;

namespace MicroBackbone.Ir.Tests.Stateful;

/// <summary>State tensors: only their stateful operator reads them, never as graph edges, never in the arena, in .mbir.</summary>
public class StateTensorValidationTests
{
    [Fact]
    public void State_round_trips_through_mbir()
    {
        var graph = SvdfGraphs.Int8(rank: 1, bias: [10, -5]);
        var text = MbirWriter.Write(graph);
        Assert.Contains("\"role\": \"state\"", text);
        Assert.Contains("\"type\": \"int16\"", text);
        var read = MbirReader.Read(text, "svdf.mbir");
        Assert.Equal(graph, read);
        Assert.Equal(text, MbirWriter.Write(read));
        GraphValidator.Validate(read);
    }

    [Fact]
    public void Unknown_role_is_a_format_error()
    {
        var text = MbirWriter.Write(SvdfGraphs.Int8(rank: 1, bias: null)).Replace("\"role\": \"state\"", "\"role\": \"memory\"");
        var e = Assert.Throws<MbirFormatException>(() => MbirReader.Read(text, "svdf.mbir"));
        Assert.Contains("unknown role \"memory\"", e.Message);
    }

    [Fact]
    public void The_memory_planner_leaves_state_out_of_the_arena()
    {
        var graph = SvdfGraphs.Int8(rank: 1, bias: [10, -5]);
        var state = graph.Tensors.Single(t => t.IsState);
        var plan = MemoryPlanner.Plan(graph);
        Assert.DoesNotContain(state.Id, plan.TensorIds);
        Assert.Equal(2 + 2, plan.NaiveBytes);
    }

    [Fact]
    public void A_stateless_operator_may_not_read_state()
    {
        var graph = SvdfGraphs.Int8(rank: 1, bias: null);
        var state = graph.Tensors.Single(t => t.IsState);
        var relu = new IrOperator(IrOpKind.Relu, "bad", EquatableArray.Of(state.Id), EquatableArray.Of(100));
        var bad = new IrGraph(graph.Name, graph.Tensors.Append(new IrTensor(100, "r", state.Shape, IrDataType.Int16)).ToList(),
            graph.Operators.Append(relu).ToList(), graph.Inputs, graph.Outputs, graph.ClassNames, graph.Metadata);
        var e = Assert.Throws<IrValidationException>(() => GraphValidator.Validate(bad));
        Assert.Contains("reads state tensor", e.Message);
    }

    [Fact]
    public void Svdf_needs_a_state_tensor_and_state_carries_no_data()
    {
        var graph = SvdfGraphs.Int8(rank: 1, bias: null);
        var state = graph.Tensors.Single(t => t.IsState);
        var plain = Replace(graph, state with { IsState = false });
        Assert.Contains("which no operator produces", Assert.Throws<IrValidationException>(() => GraphValidator.Validate(plain)).Message);
        var withData = Replace(graph, state with { Data = new EquatableArray<byte>(new byte[8]) });
        Assert.Contains("carries data", Assert.Throws<IrValidationException>(() => GraphValidator.Validate(withData)).Message);
    }

    [Fact]
    public void State_is_not_a_graph_input()
    {
        var graph = SvdfGraphs.Int8(rank: 1, bias: null);
        var state = graph.Tensors.Single(t => t.IsState);
        var bad = new IrGraph(graph.Name, graph.Tensors, graph.Operators, graph.Inputs.Append(state.Id).ToList(), graph.Outputs, graph.ClassNames, graph.Metadata);
        Assert.Throws<IrValidationException>(() => GraphValidator.Validate(bad));
    }

    private static IrGraph Replace(IrGraph g, IrTensor t) =>
        new(g.Name, g.Tensors.Select(x => x.Id == t.Id ? t : x).ToList(), g.Operators, g.Inputs, g.Outputs, g.ClassNames, g.Metadata);
}
