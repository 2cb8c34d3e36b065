package dev.perstack.protocol.message;

/** A message that is input to a generation rather than its output. */
public sealed interface InputMessage extends Message
    permits InstructionMessage, UserMessage, ToolMessage {}
