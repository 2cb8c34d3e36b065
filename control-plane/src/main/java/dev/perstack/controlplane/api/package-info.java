/**
 * The REST + SSE API under {@code /api}: submit, list, follow, continue and cancel jobs, read their
 * checkpoints. Every route needs the bearer token; errors are problem-details JSON.
 */
package dev.perstack.controlplane.api;
