/**
 * Sandbox runtimes: where a job's agent runs. {@code docker} gives each job a hardened container;
 * {@code local} runs the agent as a plain child process, without isolation, for development.
 */
package dev.perstack.controlplane.sandbox;
