/**
 * The frames of the agent ↔ control-plane protocol: the handshake ({@code hello}, {@code welcome},
 * {@code refused}), what the agent reports ({@code event}, {@code checkpoint}), the generation
 * exchange ({@code generate} and its replies), and {@code heartbeat}, {@code cancel}, {@code
 * close}.
 */
package dev.perstack.protocol.frame;
