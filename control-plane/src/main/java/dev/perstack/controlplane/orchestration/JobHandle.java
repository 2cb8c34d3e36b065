package dev.perstack.controlplane.orchestration;

import dev.perstack.controlplane.jobs.JobRecord;
import java.util.concurrent.CompletableFuture;

/** A submitted job: its record as stored at submit time, and its end. */
public record JobHandle(JobRecord record, CompletableFuture<JobRecord> finished) {}
