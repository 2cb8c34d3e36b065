/**
 * The machinery behind {@code dev.perstack.image}: processes ({@code mmdebstrap}, the docker CLI),
 * the engine client, jib-core, digests and the Maven classpath files. Not for other modules.
 */
package dev.perstack.image.internal;
