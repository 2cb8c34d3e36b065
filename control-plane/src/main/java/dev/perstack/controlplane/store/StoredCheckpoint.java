package dev.perstack.controlplane.store;

/** A checkpoint's row: the checkpoint without its messages, and where its conversation ends. */
record StoredCheckpoint(
    String jobId,
    String id,
    long ordinal,
    String runId,
    String expertKey,
    int stepNumber,
    String status,
    int messageCount,
    long lastMessageSeq,
    long storedAt,
    String header) {}
