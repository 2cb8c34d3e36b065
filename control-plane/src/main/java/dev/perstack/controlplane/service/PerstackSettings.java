package dev.perstack.controlplane.service;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The control plane's own settings ({@code perstack.*} in application.properties or the env). */
@Singleton
public class PerstackSettings {
  @ConfigProperty(name = "perstack.home", defaultValue = "./perstack")
  String home;

  @ConfigProperty(name = "perstack.model-cassette")
  Optional<String> modelCassette;

  @ConfigProperty(name = "perstack.connect-timeout", defaultValue = "60s")
  Duration connectTimeout;

  @ConfigProperty(name = "perstack.stop-grace", defaultValue = "5s")
  Duration stopGrace;

  /** Where jobs' logs, sockets and the default H2 database live. */
  public String home() {
    return home;
  }

  /** Answer generations from this recorded cassette instead of a provider. */
  public Optional<String> modelCassette() {
    return modelCassette;
  }

  /** How long a started sandbox has to connect back. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Between asking a sandbox to stop and killing it. */
  public Duration stopGrace() {
    return stopGrace;
  }
}
