package dev.perstack.controlplane.socket;

import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.event.PerstackEvent;
import java.util.function.Consumer;

/** Receives what an admitted agent reports, after the session checked it. */
public interface JobReporter {

  void event(PerstackEvent event);

  void checkpoint(Checkpoint checkpoint);

  /**
   * Runs {@code next} once every checkpoint reported before is stored: a step's model call never
   * goes out before the step's checkpoint is durable, so a control plane that dies in between
   * resumes from that checkpoint. When storing one of them failed, {@code failed} runs with the
   * failure instead and {@code next} never does. A reporter that stores as it is called (and throws
   * what it cannot store) runs {@code next} at once.
   */
  default void whenStored(Runnable next, Consumer<RuntimeException> failed) {
    next.run();
  }
}
