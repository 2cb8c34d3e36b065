/**
 * The {@code docker} runtime: one hardened, ephemeral container per job, started through the Docker
 * engine API (docker-java) from the locally built sandbox image. The container sees only the job's
 * workspace and the job's socket directory, has no network, a read-only root, no capabilities and
 * bounded memory, pids and CPU; it is removed when it exits.
 */
package dev.perstack.controlplane.sandbox.docker;
