/**
 * Tool listing: the one-shot exchange in which {@code perstack install} has the agent start MCP
 * skills inside a sandbox and report their tools, so the lock can capture them.
 */
package dev.perstack.protocol.listing;
