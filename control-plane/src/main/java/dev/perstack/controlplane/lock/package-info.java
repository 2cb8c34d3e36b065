/**
 * {@code perstack.lock} at work: {@code perstack install} (resolve, pin, capture tools, build the
 * skills image, write the lock), the gate every locked job passes before a sandbox starts, the lock
 * applied to a job spec, and {@code perstack lock verify}.
 */
package dev.perstack.controlplane.lock;
