package dev.perstack.controlplane.api;

/**
 * The body of {@code POST /api/jobs} and {@code POST /api/jobs/{id}/continue}.
 *
 * @param config path of perstack.toml, inside the server's workspace root (default perstack.toml)
 * @param workspace the job's workspace, inside the server's workspace root (default: the root)
 * @param interactive with continue: the query answers the pending interactive tool call
 * @param resumeFrom with continue: the checkpoint to resume from (default: the latest)
 * @param locked refuse the job unless a current perstack.lock is beside its perstack.toml
 */
public record SubmitBody(
    String expert,
    String query,
    String config,
    String workspace,
    String runtime,
    String model,
    Integer maxSteps,
    Boolean interactive,
    String resumeFrom,
    Boolean locked) {}
