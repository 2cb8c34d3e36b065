package dev.perstack.controlplane.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Owner leases: a control plane's name is never claimed while its process lives, and is claimed by
 * one other control plane of the same home once the process is gone, however it ended.
 */
class OwnerLeaseTest {
  @TempDir Path home;

  @Test
  void aLeaseNameIsUniqueAndUsableAsAContainerLabel() throws Exception {
    try (OwnerLease a = OwnerLease.acquire(home);
        OwnerLease b = OwnerLease.acquire(home)) {
      assertThat(a.name()).isNotEqualTo(b.name());
      assertThat(List.of(a.name(), b.name())).allMatch(n -> n.matches("[a-z0-9-]{1,63}"));
      assertThat(home.resolve("owners").resolve(a.name() + ".lock")).exists();
    }
  }

  @Nested
  class WhileItsProcessLives {
    @Test
    void noLeaseOfThisProcessIsClaimed() throws Exception {
      try (OwnerLease a = OwnerLease.acquire(home);
          OwnerLease b = OwnerLease.acquire(home)) {
        assertThat(a.claimGone()).isEmpty();
        assertThat(b.claimGone()).isEmpty();
      }
    }

    @Test
    void aLeaseOfAnotherProcessIsClaimedOnlyAfterThatProcessIsKilled() throws Exception {
      Process holder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  Holder.class.getName(),
                  home.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try (OwnerLease mine = OwnerLease.acquire(home)) {
        String held =
            new BufferedReader(
                    new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(held).as("the holder's lease").startsWith("cp-");

        assertThat(mine.claimGone()).as("while the holder lives").isEmpty();

        holder.destroyForcibly();
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<OwnerLease.Claim> gone = mine.claimGone();
        assertThat(gone).extracting(OwnerLease.Claim::owner).containsExactly(held);
        gone.forEach(OwnerLease.Claim::close);
      } finally {
        holder.destroyForcibly();
      }
    }
  }

  @Nested
  class AfterItsProcessEnded {
    @Test
    void aLeaseLetGoIsClaimedByOneControlPlaneAtATimeUntilReaped() throws Exception {
      OwnerLease crashed = OwnerLease.acquire(home);
      crashed.close();
      try (OwnerLease first = OwnerLease.acquire(home);
          OwnerLease second = OwnerLease.acquire(home)) {
        List<OwnerLease.Claim> claimed = first.claimGone();
        assertThat(claimed).extracting(OwnerLease.Claim::owner).containsExactly(crashed.name());
        assertThat(second.claimGone()).as("while the first holds its claim").isEmpty();

        claimed.get(0).close();
        List<OwnerLease.Claim> again = second.claimGone();
        assertThat(again)
            .as("a claim let go without reaping is looked at again")
            .extracting(OwnerLease.Claim::owner)
            .containsExactly(crashed.name());

        again.get(0).reaped();
        again.get(0).close();
        assertThat(first.claimGone()).as("a reaped owner is forgotten").isEmpty();
        assertThat(home.resolve("owners").resolve(crashed.name() + ".lock")).doesNotExist();
      }
    }

    @Test
    void aLeaseOfAnotherHomeIsNeverSeen(@TempDir Path otherHome) throws Exception {
      OwnerLease.acquire(otherHome).close();

      try (OwnerLease mine = OwnerLease.acquire(home)) {
        assertThat(mine.claimGone()).isEmpty();
      }
    }
  }

  /** Holds a lease in the home given as its argument, prints its name, then waits to be killed. */
  static final class Holder {
    public static void main(String[] args) throws Exception {
      OwnerLease lease = OwnerLease.acquire(Path.of(args[0]));
      System.out.println(lease.name());
      System.out.flush();
      Thread.sleep(Duration.ofMinutes(10).toMillis());
    }
  }
}
