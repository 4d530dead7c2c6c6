package dev.salvo.sql.hint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.hint.RelHint;
import org.junit.jupiter.api.Test;

/** The planner reads Salvo's hints off plan nodes as small typed values. */
class HintReadersTest {

  @Test
  void readsRepartitionWithAndWithoutColumns() {
    assertEquals(Optional.of(new RepartitionHint(16, List.of("user_id", "Col"))),
        RepartitionHint.from(List.of(hint("REPARTITION", "16", "user_id", "Col"))));
    assertEquals(Optional.of(new RepartitionHint(8, List.of())),
        RepartitionHint.from(List.of(hint("repartition", "8"))));
  }

  @Test
  void readsIntoBatches() {
    assertEquals(Optional.of(new IntoBatchesHint(1000)),
        IntoBatchesHint.from(List.of(hint("BROADCAST"), hint("Into_Batches", "1000"))));
  }

  @Test
  void findsNothingWhenTheHintIsAbsent() {
    List<RelHint> hints = List.of(hint("INTO_BATCHES", "5"), hint("BROADCAST", "u"));
    assertEquals(Optional.empty(), RepartitionHint.from(hints));
    assertEquals(Optional.empty(), IntoBatchesHint.from(List.of()));
  }

  @Test
  void prefersTheFirstHintWhichIsTheNodesOwn() {
    List<RelHint> hints = List.of(hint("INTO_BATCHES", "5"),
        RelHint.builder("INTO_BATCHES").hintOption("7").inheritPath(0).build());
    assertEquals(Optional.of(new IntoBatchesHint(5)), IntoBatchesHint.from(hints));
  }

  @Test
  void rejectsArgumentsValidationWouldHaveRejected() {
    SalvoException error = assertThrows(SalvoException.class,
        () -> RepartitionHint.from(List.of(hint("REPARTITION", "zero"))));
    assertEquals(ErrorCode.INVALID_HINT, error.code());
    assertThrows(SalvoException.class,
        () -> IntoBatchesHint.from(List.of(hint("INTO_BATCHES"))));
  }

  @Test
  void recordsAreImmutableAndChecked() {
    List<String> columns = new ArrayList<>(List.of("a"));
    RepartitionHint hint = new RepartitionHint(2, columns);
    columns.add("b");
    assertEquals(List.of("a"), hint.columns());
    assertThrows(UnsupportedOperationException.class, () -> hint.columns().add("c"));
    assertThrows(IllegalArgumentException.class, () -> new RepartitionHint(0, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new IntoBatchesHint(-1));
  }

  private static RelHint hint(String name, String... options) {
    return RelHint.builder(name).hintOptions(List.of(options)).build();
  }
}
