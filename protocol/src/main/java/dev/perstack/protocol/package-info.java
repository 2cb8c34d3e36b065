/**
 * The wire contract between the sandbox agent and the control plane: Perstack's events, checkpoints
 * and messages ({@code .event}, {@code .checkpoint}, {@code .message}), the provider-neutral
 * generation exchange ({@code .generation}), the job spec ({@code .job}), the frames of the socket
 * protocol ({@code .frame}), their JSON codec ({@code .codec}), length-prefixed framing ({@code
 * .transport}) and the ordering rules ({@code .session}). See {@code docs/protocol.md}.
 */
package dev.perstack.protocol;
