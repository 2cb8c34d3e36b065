package dev.perstack.agent.loop;

import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.event.PerstackEvent;

/** Where a job's events and checkpoints go, in order; in the sandbox, the socket. */
public interface EventSink {

  void event(PerstackEvent event);

  void checkpoint(Checkpoint checkpoint);
}
