package dev.perstack.controlplane.socket;

import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.event.PerstackEvent;

/** Receives what an admitted agent reports, after the session checked it. */
public interface JobReporter {

  void event(PerstackEvent event);

  void checkpoint(Checkpoint checkpoint);
}
