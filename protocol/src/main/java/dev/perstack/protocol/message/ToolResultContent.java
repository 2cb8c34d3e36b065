package dev.perstack.protocol.message;

/** A part a tool result part may hold: text, inline images and inline files. */
public sealed interface ToolResultContent extends MessagePart
    permits TextPart, ImageInlinePart, FileInlinePart {}
