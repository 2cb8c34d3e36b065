/** Checkpoints and steps: the state a run leaves behind after every step and at every stop. */
package dev.perstack.protocol.checkpoint;
