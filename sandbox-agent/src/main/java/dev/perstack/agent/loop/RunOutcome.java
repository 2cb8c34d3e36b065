package dev.perstack.agent.loop;

import dev.perstack.protocol.checkpoint.Checkpoint;
import java.util.Optional;

/**
 * How a run ended: its last checkpoint (whose status says why) and, when it completed, the text it
 * produced.
 */
record RunOutcome(Checkpoint checkpoint, Optional<String> text) {}
