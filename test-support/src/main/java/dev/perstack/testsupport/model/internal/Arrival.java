package dev.perstack.testsupport.model.internal;

import dev.perstack.testsupport.model.RecordedRequest;
import dev.perstack.testsupport.model.Reply;
import java.util.Objects;
import java.util.Optional;

/** A request just recorded and the reply it drew from the script, if any was left. */
record Arrival(RecordedRequest request, Optional<Reply> reply) {
  Arrival {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(reply, "reply");
  }
}
