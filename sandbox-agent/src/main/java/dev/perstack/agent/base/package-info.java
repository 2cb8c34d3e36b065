/**
 * The {@code @perstack/base} skill hosted in the agent: {@link dev.perstack.agent.base.BaseSkill},
 * its limits and the todo list the loop reads. Every path a tool takes is confined to the workspace
 * by {@code Workspace}, which resolves it one component at a time through held directory handles.
 */
package dev.perstack.agent.base;
