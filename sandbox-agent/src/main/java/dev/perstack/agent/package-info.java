/**
 * The program inside every job's container: connects back over the socket, runs the expert loop,
 * hosts the base skill and MCP skills (filled by the sandbox-agent issue).
 */
package dev.perstack.agent;
