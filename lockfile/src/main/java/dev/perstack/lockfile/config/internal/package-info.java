/** Readers and rules behind the loader; not part of the public API. */
package dev.perstack.lockfile.config.internal;
