/** Helpers shared by the protocol's records; not part of the API and may change at any time. */
package dev.perstack.protocol.internal;
