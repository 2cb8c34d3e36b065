package dev.perstack.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An expert tries to become root or to leave its container's view of the system. */
class DockerPrivilegeAttackTest extends SandboxAttacks {

  @Test
  void theSandboxRunsUnprivilegedWithoutCapabilitiesOrNewPrivileges() throws Exception {
    String output = attack("id; grep -E '^(Cap|NoNewPrivs|Seccomp)' /proc/self/status");

    assertThat(lines(output))
        .contains(
            "uid=10001 gid=10001 groups=10001",
            "CapInh:\t0000000000000000",
            "CapPrm:\t0000000000000000",
            "CapEff:\t0000000000000000",
            "CapBnd:\t0000000000000000",
            "CapAmb:\t0000000000000000",
            "NoNewPrivs:\t1",
            "Seccomp:\t2");
  }

  @Test
  void setuidBinariesDoNotElevate() throws Exception {
    String output =
        attack(
            "echo setuid:; find / \\( -path /proc -o -path /sys \\) -prune -o -perm -4000"
                + " -type f -print 2>/dev/null; echo end;"
                + " (su -c 'id -u > /workspace/su-ran' root < /dev/null) 2>&1;"
                + " (chsh -s /bin/sh < /dev/null) 2>&1; (newgrp root < /dev/null) 2>&1;"
                + " ls /workspace; grep NoNewPrivs /proc/self/status; id -u; true");

    assertThat(output).contains("/usr/bin/su", "/usr/bin/passwd", "/usr/bin/newgrp");
    assertThat(output).contains("su: Authentication failure").doesNotContain("su-ran");
    assertThat(lines(output)).contains("NoNewPrivs:\t1", "10001").doesNotContain("0");
  }

  @Test
  void mountChrootAndNamespacesAreRefused() throws Exception {
    String output =
        attack(
            "mkdir -p /tmp/m; n=165; [ \"$(uname -m)\" = aarch64 ] && n=40;"
                + " perl -e 'my ($s, $t, $f) = (q(none), q(/tmp/m), q(tmpfs));"
                + " my $r = syscall('$n', $s, $t, $f, 0, 0); print qq(mount=$r $!\\n)';"
                + " (chroot /tmp /bin/sh -c id) 2>&1;"
                + " (unshare -r id) 2>&1; (unshare -m id) 2>&1; (unshare -U id) 2>&1; true");

    assertThat(lines(output))
        .contains(
            "mount=-1 Operation not permitted",
            "chroot: cannot change root directory to '/tmp': Operation not permitted",
            "unshare: unshare failed: Operation not permitted")
        .noneMatch(l -> l.startsWith("uid="));
  }
}
