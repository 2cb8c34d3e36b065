package dev.perstack.controlplane.store;

import dev.perstack.controlplane.jobs.JobStore;

/** The contract on the in-memory store. */
class InMemoryJobStoreTest extends JobStoreContract {
  private final InMemoryJobStore store = new InMemoryJobStore();

  @Override
  protected JobStore store() {
    return store;
  }

  @Override
  protected long storedMessages(String jobId) {
    return store.storedMessages(jobId);
  }
}
