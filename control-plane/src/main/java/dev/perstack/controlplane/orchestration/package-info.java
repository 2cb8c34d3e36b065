/**
 * Runs jobs: loads and validates the definitions, starts a sandbox, serves its agent over the job's
 * socket, stores what it reports, fans it out to subscribers and ends the job.
 */
package dev.perstack.controlplane.orchestration;
