/**
 * The control plane's end of each job's socket: a per-job Unix socket the sandbox connects to, and
 * the session that admits the agent, checks every frame it sends and answers its generations.
 */
package dev.perstack.controlplane.socket;
