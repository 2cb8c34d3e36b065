/**
 * The job spec the control plane hands the agent after the handshake: the experts as plain records,
 * the query or interactive answer, the checkpoint to resume from, and the limits.
 */
package dev.perstack.protocol.job;
