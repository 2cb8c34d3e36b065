/**
 * MCP skills: {@link dev.perstack.agent.mcp.McpStdioSkillClient} runs a server as a child process
 * with a cleared environment, {@link dev.perstack.agent.mcp.McpSseSkillClient} reaches a remote
 * server over streamable HTTP or legacy SSE, and {@link dev.perstack.agent.mcp.SkillEnvironment}
 * decides which variables a child may see.
 */
package dev.perstack.agent.mcp;
