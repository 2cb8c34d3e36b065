/**
 * The agent's end of the socket to the control plane: handshake, frames out (events, checkpoints,
 * generation requests) and in (generation replies, cancel, close).
 */
package dev.perstack.agent.connection;
