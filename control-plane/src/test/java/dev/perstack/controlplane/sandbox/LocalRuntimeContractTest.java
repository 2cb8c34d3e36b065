package dev.perstack.controlplane.sandbox;

import dev.perstack.controlplane.store.InMemoryJobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

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
}
