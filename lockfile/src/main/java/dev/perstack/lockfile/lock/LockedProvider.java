package dev.perstack.lockfile.lock;

import dev.perstack.lockfile.lock.internal.LockFormats;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider and model a lock was written for; a job under another provider or model is refused.
 *
 * @param providerName as in {@code [provider] providerName}, for example {@code anthropic}
 * @param model the model pinned, when the lock pins one
 */
public record LockedProvider(String providerName, Optional<String> model) {
  public LockedProvider {
    Objects.requireNonNull(providerName, "providerName");
    Objects.requireNonNull(model, "model");
    LockFormats.require("providerName", LockFormats.whyBlank(providerName));
    model.ifPresent(m -> LockFormats.require("model", LockFormats.whyBlank(m)));
  }
}
