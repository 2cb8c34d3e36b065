package dev.perstack.controlplane.jobs;

/** A checkpoint without its messages: what lists show. */
public record CheckpointSummary(
    String id,
    String jobId,
    String runId,
    String expertKey,
    int stepNumber,
    String status,
    int messageCount,
    long storedAt) {}
