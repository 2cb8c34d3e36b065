/**
 * The rules of a job's socket above the framing: the handshake with a one-time job token ({@link
 * dev.perstack.protocol.session.HandshakeGate}) and the order of frames ({@link
 * dev.perstack.protocol.session.ProtocolSession}).
 */
package dev.perstack.protocol.session;
