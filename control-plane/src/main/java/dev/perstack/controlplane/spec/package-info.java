/** Turns a loaded perstack.toml into the job spec the sandbox agent receives. */
package dev.perstack.controlplane.spec;
