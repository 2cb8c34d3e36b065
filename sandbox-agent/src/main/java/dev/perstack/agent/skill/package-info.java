/**
 * What the expert loop calls tools through: a {@link dev.perstack.agent.skill.Skill} is the base
 * skill (in-process), an MCP server (stdio or SSE), or a delegate; runtime events about skills go
 * to a {@link dev.perstack.agent.skill.RuntimeEvents} sink.
 */
package dev.perstack.agent.skill;
