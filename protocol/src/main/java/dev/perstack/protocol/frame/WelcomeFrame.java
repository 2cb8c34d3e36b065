package dev.perstack.protocol.frame;

import dev.perstack.protocol.internal.Require;
import dev.perstack.protocol.job.JobSpec;

/**
 * The control plane accepted the agent: here is the job.
 *
 * @param protocolVersion the version both sides now speak
 * @param maxFrameBytes the largest frame body the control plane reads; the agent must not send more
 */
public record WelcomeFrame(int protocolVersion, int maxFrameBytes, JobSpec jobSpec)
    implements Frame {
  /** The {@code type} of this frame on the wire. */
  public static final String TYPE = "welcome";

  public WelcomeFrame {
    Require.positive(protocolVersion, "protocolVersion");
    Require.positive(maxFrameBytes, "maxFrameBytes");
    Require.present(jobSpec, "jobSpec");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
