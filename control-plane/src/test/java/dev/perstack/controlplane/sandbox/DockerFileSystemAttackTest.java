package dev.perstack.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An expert tries to write where it must not, and looks at what is mounted. */
class DockerFileSystemAttackTest extends SandboxAttacks {

  @Test
  void writingOutsideTheWorkspaceIsRefused() throws Exception {
    String output =
        attack(
            "for p in /etc/passwd /app/x /usr/local/bin/x /run/perstack/x /run/x /var/x /opt/x"
                + " /sys/x /proc/sys/kernel/hostname; do (echo pwned > $p) 2>&1 && echo"
                + " \"WROTE $p\"; done; echo inside > /workspace/inside.txt && echo"
                + " WROTE-WORKSPACE");

    assertThat(output).contains("WROTE-WORKSPACE").doesNotContain("WROTE /");
    assertThat(lines(output).stream().filter(l -> l.contains("Read-only file system")))
        .hasSizeGreaterThanOrEqualTo(7);
  }

  @Test
  void theRootFilesystemIsMountedReadOnly() throws Exception {
    String output =
        attack(
            "grep ' / ' /proc/mounts; (touch /evil) 2>&1; (mkdir /usr/evil) 2>&1;"
                + " (cp /bin/sh /usr/bin/evil) 2>&1; ls /evil /usr/evil /usr/bin/evil 2>&1; true");

    assertThat(lines(output)).anySatisfy(l -> assertThat(l).startsWith("overlay / overlay ro,"));
    assertThat(output).contains("Read-only file system");
    assertThat(lines(output)).noneMatch(l -> l.matches("/(usr/)?(bin/)?evil"));
  }

  @Test
  void tmpIsASizeCappedTmpfsThatMayRunPrograms() throws Exception {
    String output =
        attack(
            "grep ' /tmp ' /proc/mounts; (dd if=/dev/zero of=/tmp/big bs=1M count=400) 2>&1;"
                + " rm -f /tmp/big; printf '#!/bin/sh\\necho ran-from-tmp\\n' > /tmp/s;"
                + " chmod +x /tmp/s; /tmp/s; true");

    assertThat(lines(output))
        .anySatisfy(l -> assertThat(l).startsWith("tmpfs /tmp tmpfs rw,nosuid,nodev"))
        .contains("ran-from-tmp");
    assertThat(output).contains("No space left on device");
  }

  @Test
  void onlyTheWorkspaceAndTheSocketDirectoryComeFromTheHost() throws Exception {
    String output = attack("cat /proc/mounts");

    List<String> fromHost =
        lines(output).stream()
            .map(l -> l.split(" "))
            .filter(f -> f.length > 3)
            .filter(
                f ->
                    !List.of(
                            "overlay", "proc", "tmpfs", "devpts", "mqueue", "sysfs", "cgroup",
                            "cgroup2", "shm")
                        .contains(f[2]))
            .map(f -> f[1])
            .toList();
    assertThat(fromHost)
        .contains("/workspace", "/run/perstack")
        .allMatch(
            m ->
                List.of(
                        "/workspace",
                        "/run/perstack",
                        "/etc/resolv.conf",
                        "/etc/hostname",
                        "/etc/hosts",
                        "/sbin/docker-init",
                        "/usr/sbin/docker-init")
                    .contains(m),
            "only the two job directories, Docker's own /etc files and its init");
    assertThat(lines(output))
        .anySatisfy(l -> assertThat(l).contains(" /run/perstack ").contains(" ro,"))
        .filteredOn(l -> l.contains("docker-init "))
        .allSatisfy(l -> assertThat(l).contains(" ro,"));
  }
}
