/**
 * The provider-neutral generation exchange: the agent sends Perstack messages and tool definitions,
 * the control plane's model gateway answers with Perstack message parts, a finish reason and the
 * usage it counted itself.
 */
package dev.perstack.protocol.generation;
