/**
 * The {@code perstack.toml} model and its loader: {@link
 * dev.perstack.lockfile.config.PerstackConfigLoader} turns a file into an immutable {@link
 * dev.perstack.lockfile.config.PerstackConfig} or an {@link
 * dev.perstack.lockfile.config.InvalidConfigException} that lists every problem with its position.
 */
package dev.perstack.lockfile.config;
