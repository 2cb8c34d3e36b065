package dev.perstack.lockfile.lock;

import dev.perstack.lockfile.lock.internal.LockFormats;
import java.util.Objects;

/**
 * One npm package a skill runs, pinned to an exact version and its content.
 *
 * @param name the package name, for example {@code @modelcontextprotocol/server-filesystem}
 * @param version the exact version installed, never a range
 * @param integrity the registry's Subresource Integrity hash of the tarball ({@code sha512-...};
 *     {@code sha1-}, {@code sha256-} and {@code sha384-} are accepted too)
 * @param bin the file the skill starts, relative to the package directory ({@code dist/index.js})
 * @param filesDigest {@code sha256:<64 hex>} of the installed files, checked before a job starts
 */
public record LockedPackage(
    String name, String version, String integrity, String bin, String filesDigest) {
  public LockedPackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(integrity, "integrity");
    Objects.requireNonNull(bin, "bin");
    Objects.requireNonNull(filesDigest, "filesDigest");
    LockFormats.require("package name", LockFormats.whyNotPackageName(name));
    LockFormats.require("version of " + name, LockFormats.whyNotExactVersion(version));
    LockFormats.require("integrity of " + name, LockFormats.whyNotIntegrity(integrity));
    LockFormats.require("bin of " + name, LockFormats.whyNotBinPath(bin));
    LockFormats.require("filesDigest of " + name, LockFormats.whyNotSha256(filesDigest));
  }
}
