/**
 * The Quarkus control plane: jobs, storage, the REST and SSE API, sandbox runtimes and the model
 * gateway (filled by the control-plane, runtime and gateway issues).
 */
package dev.perstack.controlplane;
