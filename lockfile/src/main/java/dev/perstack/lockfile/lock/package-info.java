/**
 * The {@code perstack.lock} model: what production runs, pinned. {@link
 * dev.perstack.lockfile.lock.LockFiles} reads (version 2, and the original Perstack's version 1),
 * writes (atomically, byte-stable) and digests lock files; {@link
 * dev.perstack.lockfile.lock.LockCheck} says why a lock no longer matches {@code perstack.toml};
 * {@link dev.perstack.lockfile.lock.ExpertDefinitions} gives the canonical tree and digest of an
 * expert that a lock records.
 */
package dev.perstack.lockfile.lock;
