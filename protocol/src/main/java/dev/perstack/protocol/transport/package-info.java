/**
 * Length-prefixed framing over blocking channels or streams: a 4-byte big-endian length, then that
 * many bytes of UTF-8 JSON, with a hard maximum checked before anything is allocated.
 */
package dev.perstack.protocol.transport;
