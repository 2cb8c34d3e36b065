/** The lock's TOML reader and writer, canonical trees and format rules; not part of the API. */
package dev.perstack.lockfile.lock.internal;
