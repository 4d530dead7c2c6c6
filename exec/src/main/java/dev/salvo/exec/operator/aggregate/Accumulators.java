package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.plan.AggregateCall;
import dev.salvo.exec.plan.AggregateFunction;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.exec.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/** Chooses the accumulator class for an aggregate call from its function and argument type. */
final class Accumulators {
  private Accumulators() {}

  /**
   * Makes one call's accumulator, given those of the calls before it in the same aggregation
   * and the aggregation's row count per group.
   */
  interface Factory {
    Accumulator create(Accumulator[] earlier, GroupRows groupRows);
  }

  /**
   * The accumulator factories of {@code calls}, in order. A SUM or AVG of a DECIMAL column that
   * an earlier SUM or AVG already adds up reads that one's sums and counts instead of adding the
   * column again (TPC-H Q1 sums and averages the same three columns).
   */
  static List<Factory> factories(List<AggregateCall> calls, RowType inputType) {
    List<Factory> factories = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      AggregateCall call = calls.get(i);
      int source = sumOfSameArgument(calls, i, inputType);
      if (source >= 0) {
        AggregateFunction function = call.function();
        factories.add((earlier, groupRows) ->
            new SharedSumAccumulator((DecimalSumAccumulator) earlier[source], function));
      } else {
        Function<GroupRows, Accumulator> factory = factory(call, inputType);
        factories.add((earlier, groupRows) -> factory.apply(groupRows));
      }
    }
    return factories;
  }

  /** The first call before {@code index} whose decimal sum {@code calls[index]} can read, or -1. */
  private static int sumOfSameArgument(List<AggregateCall> calls, int index, RowType inputType) {
    AggregateCall call = calls.get(index);
    if (!isDecimalSum(call, inputType)) {
      return -1;
    }
    for (int j = 0; j < index; j++) {
      if (isDecimalSum(calls.get(j), inputType)
          && calls.get(j).arguments().equals(call.arguments())) {
        return j;
      }
    }
    return -1;
  }

  private static boolean isDecimalSum(AggregateCall call, RowType inputType) {
    AggregateFunction function = call.function();
    return !call.distinct() && call.arguments().size() == 1
        && (function == AggregateFunction.SUM || function == AggregateFunction.SUM0
            || function == AggregateFunction.AVG)
        && inputType.type(call.arguments().get(0)).kind() == TypeKind.DECIMAL;
  }

  /**
   * A factory of fresh accumulators for {@code call} over rows of {@code inputType}, given the
   * row count per group of the aggregation they belong to.
   */
  static Function<GroupRows, Accumulator> factory(AggregateCall call, RowType inputType) {
    int[] arguments = call.arguments().stream().mapToInt(Integer::intValue).toArray();
    if (call.distinct() && arguments.length > 0) {
      List<DataType> argumentTypes = new ArrayList<>();
      List<Column> columns = new ArrayList<>();
      for (int i = 0; i < arguments.length; i++) {
        argumentTypes.add(inputType.type(arguments[i]));
        columns.add(new Column("distinct" + i, inputType.type(arguments[i])));
      }
      AggregateCall plain = new AggregateCall(call.function(),
          IntStream.range(0, arguments.length).boxed().toList(), false, call.type(), call.name());
      Function<GroupRows, Accumulator> base = factory(plain, new RowType(columns));
      return groupRows -> new DistinctAccumulator(arguments, argumentTypes, base);
    }
    AggregateFunction function = call.function();
    if (function == AggregateFunction.COUNT) {
      return groupRows -> new CountAccumulator(arguments, groupRows);
    }
    if (function == AggregateFunction.SINGLE_VALUE) {
      Function<GroupRows, Accumulator> value = factory(new AggregateCall(AggregateFunction.MAX,
          call.arguments(), false, call.type(), call.name()), inputType);
      return groupRows -> new SingleValueAccumulator(value.apply(groupRows), groupRows);
    }
    if (arguments.length != 1) {
      throw new SalvoException(ErrorCode.INTERNAL_ERROR,
          function + " takes one argument, got " + arguments.length);
    }
    int argument = arguments[0];
    DataType type = inputType.type(argument);
    boolean max = function == AggregateFunction.MAX;
    return switch (function) {
      case SUM, SUM0, AVG -> switch (type.kind()) {
        case TINYINT, SMALLINT, INTEGER, BIGINT, INTERVAL_YEAR_MONTH, INTERVAL_DAY_TIME ->
            groupRows -> new LongSumAccumulator(function, argument, groupRows);
        case REAL, DOUBLE -> groupRows -> new DoubleSumAccumulator(function, argument, groupRows);
        case DECIMAL -> groupRows ->
            new DecimalSumAccumulator(function, argument, type.scale(), groupRows);
        case NULL -> groupRows -> new NullArgumentAccumulator(function);
        default -> throw unsupported(call, type);
      };
      case MIN, MAX -> switch (type.kind()) {
        case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP,
            INTERVAL_YEAR_MONTH, INTERVAL_DAY_TIME ->
            groupRows -> new MinMaxAccumulators.LongMinMax(argument, max);
        case REAL, DOUBLE -> groupRows -> new MinMaxAccumulators.DoubleMinMax(argument, max);
        case DECIMAL -> groupRows ->
            new MinMaxAccumulators.DecimalMinMax(argument, max, type.scale());
        case VARCHAR, VARBINARY -> groupRows -> new MinMaxAccumulators.BytesMinMax(argument, max);
        case NULL -> groupRows -> new NullArgumentAccumulator(function);
        case ARRAY, ROW -> throw unsupported(call, type);
      };
      case COUNT, SINGLE_VALUE -> throw new IllegalStateException("handled above");
    };
  }

  private static SalvoException unsupported(AggregateCall call, DataType type) {
    return new SalvoException(ErrorCode.NOT_SUPPORTED,
        call.function() + " of " + type.sqlName() + " is not supported");
  }
}
