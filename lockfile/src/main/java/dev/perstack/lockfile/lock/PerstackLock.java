package dev.perstack.lockfile.lock;

import dev.perstack.lockfile.lock.internal.LockFormats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@code perstack.lock}: what production runs, pinned — expert definitions with their digests,
 * tool definitions, skill packages, the sandbox image and the provider/model.
 *
 * @param version {@link #CURRENT_VERSION}, or {@link #ORIGINAL_VERSION} for a lock written by the
 *     original TypeScript Perstack (which has no digests or pins)
 * @param generatedAt when {@code perstack install} wrote it
 * @param configPath the {@code perstack.toml} it was written from, as given to install
 * @param runtimeVersion the Perstack version that wrote it
 * @param packages sorted by name, names unique
 * @param experts sorted by key; each entry's key is its expert's key
 */
public record PerstackLock(
    int version,
    Instant generatedAt,
    String configPath,
    Optional<String> runtimeVersion,
    Optional<LockedProvider> provider,
    Optional<LockedImage> image,
    List<LockedPackage> packages,
    Map<String, LockedExpert> experts) {

  /** The version this Perstack writes. */
  public static final int CURRENT_VERSION = 2;

  /** The version of the original Perstack's locks, which are read but never written. */
  public static final int ORIGINAL_VERSION = 1;

  // TOML date-times have four-digit years; a time outside them could be written but not read.
  private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  public PerstackLock {
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(configPath, "configPath");
    Objects.requireNonNull(runtimeVersion, "runtimeVersion");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(image, "image");
    if (version != CURRENT_VERSION && version != ORIGINAL_VERSION) {
      throw new IllegalArgumentException(
          "lock version must be "
              + ORIGINAL_VERSION
              + " or "
              + CURRENT_VERSION
              + ", not "
              + version);
    }
    if (generatedAt.isBefore(EARLIEST) || generatedAt.isAfter(LATEST)) {
      throw new IllegalArgumentException(
          "generatedAt is outside the years 0000-9999: " + generatedAt);
    }
    LockFormats.require("configPath", LockFormats.whyBlank(configPath));
    runtimeVersion.ifPresent(v -> LockFormats.require("runtimeVersion", LockFormats.whyBlank(v)));
    packages = sortedUnique(packages);
    experts = byKey(experts);
    if (version == ORIGINAL_VERSION) {
      requireOriginal(runtimeVersion, provider, image, packages);
    }
    for (LockedExpert expert : experts.values()) {
      if (expert.verified() != (version == CURRENT_VERSION)) {
        throw new IllegalArgumentException(
            "expert "
                + expert.key()
                + " has digest "
                + expert.digest()
                + ", which a version "
                + version
                + " lock cannot hold");
      }
      for (Map.Entry<String, String> entry : expert.skillPackages().entrySet()) {
        if (packages.stream().noneMatch(p -> p.name().equals(entry.getValue()))) {
          throw new IllegalArgumentException(
              "skill "
                  + entry.getKey()
                  + " of expert "
                  + expert.key()
                  + " runs package "
                  + entry.getValue()
                  + ", which the lock does not pin");
        }
      }
    }
  }

  /** The locked expert with this key, if any. */
  public Optional<LockedExpert> expert(String key) {
    return Optional.ofNullable(experts.get(key));
  }

  /** The locked package with this name, if any. */
  public Optional<LockedPackage> lockedPackage(String name) {
    return packages.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  private static List<LockedPackage> sortedUnique(List<LockedPackage> packages) {
    List<LockedPackage> sorted = new ArrayList<>(packages);
    sorted.forEach(p -> Objects.requireNonNull(p, "package"));
    sorted.sort(Comparator.comparing(LockedPackage::name));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
        throw new IllegalArgumentException(
            "package " + sorted.get(i).name() + " is pinned twice; a lock pins one version");
      }
    }
    return List.copyOf(sorted);
  }

  private static Map<String, LockedExpert> byKey(Map<String, LockedExpert> experts) {
    TreeMap<String, LockedExpert> sorted = new TreeMap<>();
    experts.forEach(
        (key, expert) -> {
          Objects.requireNonNull(expert, "expert");
          if (!key.equals(expert.key())) {
            throw new IllegalArgumentException(
                "expert " + expert.key() + " is filed under the key " + key);
          }
          sorted.put(key, expert);
        });
    return Collections.unmodifiableMap(sorted);
  }

  private static void requireOriginal(
      Optional<String> runtimeVersion,
      Optional<LockedProvider> provider,
      Optional<LockedImage> image,
      List<LockedPackage> packages) {
    if (runtimeVersion.isPresent()
        || provider.isPresent()
        || image.isPresent()
        || !packages.isEmpty()) {
      throw new IllegalArgumentException(
          "a version 1 lock has no runtimeVersion, provider, image or packages");
    }
  }
}
