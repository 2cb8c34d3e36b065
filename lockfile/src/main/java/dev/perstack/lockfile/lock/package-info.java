/**
 * The {@code perstack.lock} model, writer, reader and staleness check (filled by the lockfile
 * issue; nothing here yet).
 */
package dev.perstack.lockfile.lock;
