package dev.perstack.controlplane.gateway;

import dev.perstack.lockfile.config.ProviderSettings;
import java.util.Map;
import java.util.Optional;

/** {@link ProviderSettings} built field by field for the tests. */
record SettingsBuilder(
    Optional<String> baseUrl,
    Map<String, String> headers,
    Optional<String> organization,
    Optional<String> project,
    Optional<String> resourceName,
    Optional<String> apiVersion,
    Optional<Boolean> useDeploymentBasedUrls,
    Optional<String> region,
    Optional<String> location) {

  static SettingsBuilder none() {
    return new SettingsBuilder(
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  SettingsBuilder baseUrl(String url) {
    return new SettingsBuilder(
        Optional.of(url),
        headers,
        organization,
        project,
        resourceName,
        apiVersion,
        useDeploymentBasedUrls,
        region,
        location);
  }

  SettingsBuilder headers(Map<String, String> more) {
    return new SettingsBuilder(
        baseUrl,
        more,
        organization,
        project,
        resourceName,
        apiVersion,
        useDeploymentBasedUrls,
        region,
        location);
  }

  SettingsBuilder organization(String org, String proj) {
    return new SettingsBuilder(
        baseUrl,
        headers,
        Optional.of(org),
        Optional.of(proj),
        resourceName,
        apiVersion,
        useDeploymentBasedUrls,
        region,
        location);
  }

  SettingsBuilder project(String proj, String loc) {
    return new SettingsBuilder(
        baseUrl,
        headers,
        organization,
        Optional.of(proj),
        resourceName,
        apiVersion,
        useDeploymentBasedUrls,
        region,
        Optional.of(loc));
  }

  SettingsBuilder azure(Optional<String> version, boolean deployments) {
    return new SettingsBuilder(
        baseUrl,
        headers,
        organization,
        project,
        resourceName,
        version,
        Optional.of(deployments),
        region,
        location);
  }

  SettingsBuilder region(String value) {
    return new SettingsBuilder(
        baseUrl,
        headers,
        organization,
        project,
        resourceName,
        apiVersion,
        useDeploymentBasedUrls,
        Optional.of(value),
        location);
  }

  ProviderSettings build() {
    return new ProviderSettings(
        baseUrl,
        headers,
        organization,
        project,
        Optional.empty(),
        resourceName,
        apiVersion,
        useDeploymentBasedUrls,
        region,
        location);
  }
}
