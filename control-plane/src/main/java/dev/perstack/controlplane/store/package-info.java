/**
 * Where the control plane keeps jobs: {@link dev.perstack.controlplane.store.DatabaseJobStore}
 * (Hibernate ORM and Flyway, H2 in a file by default or PostgreSQL) and {@link
 * dev.perstack.controlplane.store.InMemoryJobStore}, both behind {@link
 * dev.perstack.controlplane.jobs.JobStore}. Messages are stored once per job as a conversation
 * tree, so checkpoints and events that carry whole conversations cost storage for their new
 * messages only.
 */
package dev.perstack.controlplane.store;
