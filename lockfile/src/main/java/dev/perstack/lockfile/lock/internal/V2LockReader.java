package dev.perstack.lockfile.lock.internal;

import dev.perstack.lockfile.config.SourcePosition;
import dev.perstack.lockfile.lock.LockedExpert;
import dev.perstack.lockfile.lock.LockedImage;
import dev.perstack.lockfile.lock.LockedPackage;
import dev.perstack.lockfile.lock.LockedProvider;
import dev.perstack.lockfile.lock.PerstackLock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a version 2 lock, the layout {@link LockTomlWriter} writes, checking every value. */
final class V2LockReader {
  private final LockTable top;
  private final LockProblems problems;

  private V2LockReader(LockTable top) {
    this.top = top;
    this.problems = top.problems();
  }

  /** The lock, or empty when a problem was recorded. */
  static Optional<PerstackLock> read(LockTable top) {
    return new V2LockReader(top).read();
  }

  private Optional<PerstackLock> read() {
    int mark = problems.mark();
    Optional<Instant> generatedAt = generatedAt();
    Optional<String> configPath = top.checked("configPath", true, LockFormats::whyBlank);
    Optional<String> runtimeVersion = top.checked("runtimeVersion", false, LockFormats::whyBlank);
    Optional<LockedProvider> provider = top.table("provider", false).flatMap(this::provider);
    Optional<LockedImage> image = top.table("image", false).flatMap(this::image);
    // Names of every [[packages]] entry, also of broken ones: one bad pin is one problem.
    Set<String> pinned = new HashSet<>();
    List<LockedPackage> packages = packages(pinned);
    Map<String, LockedExpert> experts = new LinkedHashMap<>();
    top.table("experts", false)
        .ifPresent(
            all -> {
              for (String key : all.keys()) {
                all.table(key, true, "experts." + TomlText.quotedKey(key))
                    .flatMap(t -> V2ExpertReader.read(key, t, pinned))
                    .ifPresent(e -> experts.put(key, e));
              }
            });
    if (problems.since(mark)) {
      return Optional.empty();
    }
    return Guard.build(
        top,
        () ->
            new PerstackLock(
                PerstackLock.CURRENT_VERSION,
                generatedAt.orElseThrow(),
                configPath.orElseThrow(),
                runtimeVersion,
                provider,
                image,
                packages,
                experts));
  }

  private Optional<Instant> generatedAt() {
    Object value = top.raw("generatedAt");
    if (value == null) {
      top.missing("generatedAt");
      return Optional.empty();
    }
    if (value instanceof OffsetDateTime time) {
      return Optional.of(time.toInstant());
    }
    if (value instanceof TemporalAccessor) {
      top.error(
          "generatedAt",
          "`generatedAt` is " + LockTable.describe(value) + ", which has no time zone offset",
          "write it like 2026-11-26T15:00:00Z, or " + LockProblems.REINSTALL);
      return Optional.empty();
    }
    top.wrongType("generatedAt", value, "a date-time like 2026-11-26T15:00:00Z");
    return Optional.empty();
  }

  private Optional<LockedProvider> provider(LockTable table) {
    int mark = problems.mark();
    Optional<String> name = table.checked("providerName", true, LockFormats::whyBlank);
    Optional<String> model = table.checked("model", false, LockFormats::whyBlank);
    if (problems.since(mark)) {
      return Optional.empty();
    }
    return Guard.build(table, () -> new LockedProvider(name.orElseThrow(), model));
  }

  private Optional<LockedImage> image(LockTable table) {
    int mark = problems.mark();
    Optional<String> reference = table.checked("reference", true, LockFormats::whyBlank);
    Optional<String> id = table.checked("id", true, LockFormats::whyNotSha256);
    Optional<String> skills = table.checked("skillsDigest", true, LockFormats::whyNotSha256);
    if (problems.since(mark)) {
      return Optional.empty();
    }
    return Guard.build(
        table,
        () -> new LockedImage(reference.orElseThrow(), id.orElseThrow(), skills.orElseThrow()));
  }

  private List<LockedPackage> packages(Set<String> names) {
    List<LockedPackage> packages = new ArrayList<>();
    Map<String, SourcePosition> firstSeen = new HashMap<>();
    for (LockTable table : top.tables("packages")) {
      int mark = problems.mark();
      Optional<String> name = table.checked("name", true, LockFormats::whyNotPackageName);
      Optional<String> version = table.checked("version", true, LockFormats::whyNotExactVersion);
      Optional<String> integrity = table.checked("integrity", true, LockFormats::whyNotIntegrity);
      Optional<String> bin = table.checked("bin", true, LockFormats::whyNotBinPath);
      Optional<String> files = table.checked("filesDigest", true, LockFormats::whyNotSha256);
      if (name.isPresent()) {
        names.add(name.get());
        SourcePosition first = firstSeen.putIfAbsent(name.get(), table.positionOf("name"));
        if (first != null) {
          table.error(
              "name",
              "package `" + name.get() + "` is pinned twice (first on line " + first.line() + ")",
              LockProblems.REINSTALL);
        }
      }
      if (!problems.since(mark)) {
        Guard.build(
                table,
                () ->
                    new LockedPackage(
                        name.orElseThrow(),
                        version.orElseThrow(),
                        integrity.orElseThrow(),
                        bin.orElseThrow(),
                        files.orElseThrow()))
            .ifPresent(packages::add);
      }
    }
    return packages;
  }
}
