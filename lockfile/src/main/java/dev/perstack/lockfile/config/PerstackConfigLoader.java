package dev.perstack.lockfile.config;

import dev.perstack.lockfile.config.internal.ConfigReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads {@code perstack.toml} files: the entry point of this package. Loading never writes anything
 * and reports every problem of a file at once.
 */
public final class PerstackConfigLoader {
  /** Larger files are refused before parsing; real ones are a few kilobytes. */
  public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

  private PerstackConfigLoader() {}

  /** Loads {@code file}, naming it in problems as {@code displayName} (for example as typed). */
  public static LoadedConfig load(Path file, String displayName, LoadOptions options)
      throws InvalidConfigException {
    return ConfigReader.read(readText(file, displayName), displayName, file, options);
  }

  /** Loads {@code file} with the default options, naming it by its path. */
  public static LoadedConfig load(Path file) throws InvalidConfigException {
    return load(file, file.toString(), LoadOptions.DEFAULT);
  }

  /** Loads TOML text that did not come from a file (tests, the API). */
  public static LoadedConfig parse(String text, String displayName, LoadOptions options)
      throws InvalidConfigException {
    return ConfigReader.read(text, displayName, Path.of(displayName), options);
  }

  private static String readText(Path file, String displayName) throws InvalidConfigException {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw fileProblem(
            displayName,
            "the file is " + size + " bytes, over the limit of " + MAX_FILE_BYTES,
            "a perstack.toml is a few kilobytes; check that this is the right file");
      }
      byte[] bytes = Files.readAllBytes(file);
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (NoSuchFileException e) {
      throw fileProblem(displayName, "the file does not exist", "check the path given to --config");
    } catch (CharacterCodingException e) {
      throw fileProblem(displayName, "the file is not UTF-8 text", "save it as UTF-8");
    } catch (IOException e) {
      throw fileProblem(
          displayName, "the file cannot be read (" + e.getMessage() + ")", "check its permissions");
    }
  }

  private static InvalidConfigException fileProblem(String file, String what, String fix) {
    return new InvalidConfigException(
        List.of(
            new ConfigProblem(file, SourcePosition.START, Severity.ERROR, "", null, what, fix)));
  }
}
