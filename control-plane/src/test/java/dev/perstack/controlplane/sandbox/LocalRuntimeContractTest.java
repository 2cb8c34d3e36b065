package dev.perstack.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perstack.controlplane.store.InMemoryJobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime contract for {@code local}: the agent as a child process of the control plane. */
class LocalRuntimeContractTest extends SandboxRuntimeContract {

  @Override
  SandboxRuntime runtime(InMemoryJobStore store) {
    return new LocalSandboxRuntime();
  }

  @Override
  SandboxRuntime neverConnecting(InMemoryJobStore store, Path dir) throws Exception {
    Path script = dir.resolve("never-connects.sh");
    Files.writeString(script, "#!/bin/sh\nexec sleep 600\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return new LocalSandboxRuntime(script.toString(), "unused");
  }

  @Override
  void crash(SandboxHandle handle) {
    long pid = Long.parseLong(handle.describe().replaceAll("\\D", ""));
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }

  @Override
  String name() {
    return "local";
  }

  @Test
  void refusesAWorkspaceThatIsNotADirectorySayingWhich(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-workspace");
    SandboxRequest request =
        new SandboxRequest("job-w", dir.resolve("s"), "token", missing, dir.resolve("log"));

    assertThatThrownBy(() -> new LocalSandboxRuntime().start(request))
        .isInstanceOf(SandboxException.class)
        .hasMessage(
            "the workspace "
                + missing
                + " of job job-w is not a directory; create it or pass an existing one");
  }
}
