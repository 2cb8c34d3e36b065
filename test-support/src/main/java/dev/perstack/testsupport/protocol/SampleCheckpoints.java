package dev.perstack.testsupport.protocol;

import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.CheckpointStatus;
import dev.perstack.protocol.checkpoint.ExpertRef;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.Usage;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Checkpoints for tests that need one but not its every field: a proceeding step, no delegation.
 */
public final class SampleCheckpoints {
  private SampleCheckpoints() {}

  /** A proceeding checkpoint of run {@code run-1} of {@code expertKey} at {@code step}. */
  public static Checkpoint proceeding(
      String id, String jobId, String expertKey, int step, List<Message> messages) {
    return new Checkpoint(
        id,
        jobId,
        "run-1",
        CheckpointStatus.PROCEEDING,
        step,
        messages,
        new ExpertRef(expertKey, expertKey, "1.0.0"),
        Optional.empty(),
        Optional.empty(),
        new Usage(1, 1, 0, 2, 0),
        OptionalLong.empty(),
        OptionalDouble.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalInt.empty());
  }
}
