/**
 * The wire contract between the sandbox agent and the control plane: event records, checkpoints,
 * messages, frames and their codec (filled by the sandbox-agent issue).
 */
package dev.perstack.protocol;
