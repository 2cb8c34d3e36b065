/**
 * Builds the sandbox OCI image in the local Docker engine, fully offline: a Debian base made by
 * {@code mmdebstrap} and {@code docker import} ({@link dev.perstack.image.BaseImageBuilder}), and
 * the agent's layers on top with jib-core ({@link dev.perstack.image.SandboxImageBuilder}), and for
 * a lock the skills' npm packages as one more layer ({@link dev.perstack.image.SkillPackagesStage},
 * {@link dev.perstack.image.ImageBuild#ensureSkillsImage}). {@link dev.perstack.image.ImageBuild}
 * is the entry point: it builds only what is missing.
 */
package dev.perstack.image;
