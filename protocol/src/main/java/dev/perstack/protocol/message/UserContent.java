package dev.perstack.protocol.message;

/** A part a user message may hold: text, images and files. */
public sealed interface UserContent extends MessagePart
    permits TextPart,
        ImageUrlPart,
        ImageInlinePart,
        ImageBinaryPart,
        FileUrlPart,
        FileInlinePart,
        FileBinaryPart {}
