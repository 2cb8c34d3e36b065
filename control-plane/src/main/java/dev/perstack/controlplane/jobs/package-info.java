/**
 * Jobs as the control plane keeps them: their records, their append-only event logs, their
 * checkpoints (messages stored once), model exchanges and audit records, behind {@link
 * dev.perstack.controlplane.jobs.JobStore}.
 */
package dev.perstack.controlplane.jobs;
