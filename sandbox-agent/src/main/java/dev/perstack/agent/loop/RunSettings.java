package dev.perstack.agent.loop;

import dev.perstack.protocol.generation.ReasoningBudget;
import dev.perstack.protocol.job.JobLimits;

/** What every run of a job shares: the model settings, limits and the working directory. */
record RunSettings(
    String jobId, ReasoningBudget reasoningBudget, JobLimits limits, String workingDirectory) {}
