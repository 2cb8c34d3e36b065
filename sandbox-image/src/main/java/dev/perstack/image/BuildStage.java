package dev.perstack.image;

/** The stage of an image build that a {@link BuildProgress} belongs to. */
public enum BuildStage {
  /** Looking for an image that already matches the inputs. */
  CHECK,
  /** Downloading and installing the base image's Debian packages ({@code mmdebstrap}). */
  BASE_PACKAGES,
  /** Loading the base image's file tree into the engine ({@code docker import}). */
  BASE_IMPORT,
  /** Assembling the agent's layers on the base and loading the result (jib-core). */
  AGENT_LAYERS,
  /** Installing the skills' npm packages on the host ({@code npm install --ignore-scripts}). */
  SKILL_PACKAGES,
  /** Putting the installed skill packages on the sandbox image as one layer (jib-core). */
  SKILL_LAYER,
  /** The image is ready; the message names it. */
  DONE
}
