package dev.salvo.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.RowType;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunningQueriesTest {
  private final FakeStatementExecutor engine = new FakeStatementExecutor();
  private final RunningQueries queries = new RunningQueries(engine);

  @Test
  void tracksStreamsUntilClosed() {
    FakeResultStream fake = new FakeResultStream(RowType.of(), List.of());
    engine.answerWith(sql -> fake);
    ResultStream stream = queries.execute("SELECT 1");
    assertEquals(1, queries.runningCount());
    stream.close();
    assertTrue(fake.isClosed());
    assertEquals(0, queries.runningCount());
  }

  @Test
  void shutDownCancelsRunningStatementsAndRejectsNewOnes() {
    FakeResultStream running = new FakeResultStream(RowType.of(), List.of());
    FakeResultStream finished = new FakeResultStream(RowType.of(), List.of());
    engine.answerWith(sql -> sql.equals("running") ? running : finished);
    ResultStream stream = queries.execute("running");
    queries.execute("finished").close();

    queries.shutDown();

    assertTrue(running.isCancelled());
    assertFalse(finished.isCancelled());
    SalvoException error = assertThrows(SalvoException.class, () -> queries.execute("late"));
    assertEquals(ErrorCode.QUERY_CANCELLED, error.code());
    assertEquals(List.of("running", "finished"), engine.statements());
    stream.close();
    assertEquals(0, queries.runningCount());
  }
}
