using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>The one description per options table agrees with the records, the schema's names and the tests' models.</summary>
public class TfliteOptionsTablesTests
{
    [Fact]
    public void Every_options_record_and_type_id_has_exactly_one_description()
    {
        var records = typeof(TfliteBuiltinOptions).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(TfliteBuiltinOptions)) && !t.IsAbstract)
            .OrderBy(t => t.Name)
            .ToArray();
        var described = TfliteOptionsTables.Tables.Select(t => t.RecordType).OrderBy(t => t.Name).ToArray();
        var ids = Enum.GetValues<TfliteOptionsTypeId>().Where(id => id != TfliteOptionsTypeId.None).Order().ToArray();

        Assert.Equal(records, described);
        Assert.Equal(ids, TfliteOptionsTables.Tables.Select(t => t.TypeId).Order().ToArray());
    }

    [Fact]
    public void Type_ids_and_table_names_match_the_schema_union()
    {
        foreach (var table in TfliteOptionsTables.Tables)
        {
            Assert.Equal($"{table.TypeId} ({(int)table.TypeId})", TfliteSchemaNames.OptionType((int)table.TypeId));
        }
    }

    [Fact]
    public void Each_record_belongs_to_its_description_and_the_test_models_cover_every_table()
    {
        var records = TfliteTestModels.EveryOptionsRecord();
        foreach (var record in records)
        {
            Assert.Equal(record.TypeId, TfliteOptionsTables.Of(record).TypeId);
            Assert.Contains(TfliteTestModels.WithOptions(record).OperatorCodes[0].BuiltinCode, TfliteOptionsTables.Of(record).Operators);
        }

        Assert.Equal(
            TfliteOptionsTables.Tables.Select(t => t.TypeId).Order(),
            records.Select(r => r.TypeId).Distinct().Order());
    }

    [Fact]
    public void An_operator_takes_one_options_table_and_operators_without_one_take_none()
    {
        var operators = TfliteOptionsTables.Tables.SelectMany(t => t.Operators).ToArray();

        Assert.Equal(operators.Length, operators.Distinct().Count());
        Assert.Equal(TfliteOptionsTypeId.MaximumMinimumOptions, TfliteOptionsTables.ExpectedFor(TfliteBuiltinOperator.Minimum));
        Assert.Equal(TfliteOptionsTypeId.None, TfliteOptionsTables.ExpectedFor(TfliteBuiltinOperator.Tanh));
        Assert.Equal(TfliteOptionsTypeId.None, TfliteOptionsTables.ExpectedFor(TfliteBuiltinOperator.PRelu));
    }

    [Fact]
    public void Options_of_another_operator_are_refused_by_name()
    {
        var model = TfliteTestModels.WithOptions(new TfliteSplitOptions(2)) with
        {
            OperatorCodes = [new TfliteOperatorCode(TfliteBuiltinOperator.SplitV)],
        };

        var error = Assert.ThrowsAny<Exception>(() => TfliteWriter.Write(model));

        Assert.Contains("SPLIT_V cannot take SplitOptions", error.Message);
    }
}
