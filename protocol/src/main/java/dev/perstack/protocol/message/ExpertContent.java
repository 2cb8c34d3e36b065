package dev.perstack.protocol.message;

/** A part an expert message may hold: text, tool calls and reasoning. */
public sealed interface ExpertContent extends MessagePart
    permits TextPart, ToolCallPart, ThinkingPart {}
