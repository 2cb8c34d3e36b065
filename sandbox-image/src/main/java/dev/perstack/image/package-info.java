/**
 * Builds the sandbox OCI image: the offline Debian base, the agent's layers with jib-core and the
 * skill packages pinned by the lock (filled by the sandbox-image issue).
 */
package dev.perstack.image;
