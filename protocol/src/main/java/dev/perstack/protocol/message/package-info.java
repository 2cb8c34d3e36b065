/**
 * Perstack's conversation shapes: message parts, messages, tool calls and results, token usage.
 * Restricted unions of the original (what a user message may hold, for example) are sealed
 * sub-interfaces here, so a wrong part is refused when it is decoded.
 */
package dev.perstack.protocol.message;
