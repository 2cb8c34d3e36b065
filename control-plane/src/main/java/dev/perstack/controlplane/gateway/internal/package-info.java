/** The gateway's internals: dotenv parsing, retries, error mapping, JSON and the HTTP client. */
package dev.perstack.controlplane.gateway.internal;
