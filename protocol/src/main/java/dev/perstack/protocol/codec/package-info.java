/**
 * The JSON codec: Perstack's shapes for events, checkpoints and messages, and the frames of the
 * socket protocol. {@link dev.perstack.protocol.codec.ProtocolCodec} is the entry point.
 */
package dev.perstack.protocol.codec;
