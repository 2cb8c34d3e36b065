package dev.perstack.lockfile.lock;

import static dev.perstack.lockfile.lock.LockFixtures.CONFIG;
import static dev.perstack.lockfile.lock.LockFixtures.config;
import static dev.perstack.lockfile.lock.LockFixtures.lock;
import static dev.perstack.lockfile.lock.LockFixtures.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perstack.lockfile.config.PerstackConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LockCheckTest {

  static List<StaleLock> check(String changedConfig, String expert) {
    return LockCheck.check(lock(), config(changedConfig), expert);
  }

  @Nested
  class Current {
    @Test
    void aLockWrittenForTheConfigIsCurrentForEveryExpert() {
      PerstackConfig config = config();

      for (String key : config.experts().keySet()) {
        assertThat(LockCheck.check(lock(), config, key)).as(key).isEmpty();
      }
    }

    @Test
    void reorderingOrReformattingTheConfigKeepsTheLockCurrent() {
      String reformatted =
          replace(
              CONFIG,
              "delegates = [\"helper\"]\ntags = [\"review\"]",
              "tags = [ \"review\" ]\ndelegates = [ \"helper\" ]");

      assertThat(check(reformatted, "reviewer")).isEmpty();
    }

    @Test
    void aChangeToAnExpertTheRunCannotReachDoesNotMatter() {
      assertThat(check(replace(CONFIG, "Works alone.", "Works alone, quietly."), "reviewer"))
          .isEmpty();
    }
  }

  @Nested
  class Stale {
    @Test
    void aChangedInstructionMakesTheExpertStale() {
      List<StaleLock> stale =
          check(replace(CONFIG, "Review the change.", "Review everything."), "reviewer");

      assertThat(stale)
          .containsExactly(
              new StaleLock(
                  "reviewer",
                  "expert `reviewer`: its definition changed since the lock was written"));
      assertThat(stale.get(0).message())
          .isEqualTo(
              "perstack.lock is stale: expert `reviewer`: its definition changed since the lock"
                  + " was written; run `perstack install` to update perstack.lock.");
    }

    @Test
    void aChangedDelegateIsFoundThroughReachAndNamesWhoDelegatesToIt() {
      List<StaleLock> stale =
          check(replace(CONFIG, "Help the reviewer.", "Help anyone."), "reviewer");

      assertThat(stale)
          .containsExactly(
              new StaleLock(
                  "helper",
                  "expert `helper` (which `reviewer` delegates to): its definition changed since"
                      + " the lock was written"));
    }

    @Test
    void aChangedSkillArgumentMakesTheExpertStale() {
      String changed =
          replace(
              CONFIG,
              "packageName = \"@modelcontextprotocol/server-filesystem\"",
              "packageName = \"@modelcontextprotocol/server-everything\"");

      assertThat(check(changed, "reviewer"))
          .extracting(StaleLock::expertKey)
          .containsExactly("reviewer");
    }

    @Test
    void anExpertMissingFromTheLockIsStale() {
      String added =
          replace(CONFIG, "delegates = [\"helper\"]", "delegates = [\"helper\", \"fresh\"]")
              + "\n[experts.\"fresh\"]\ninstruction = \"New.\"\n";

      assertThat(check(added, "reviewer"))
          .contains(
              new StaleLock(
                  "fresh", "expert `fresh` (which `reviewer` delegates to) is not in the lock"));
    }

    @Test
    void theRunExpertItselfMissingFromTheLockIsStale() {
      assertThat(check(CONFIG + "\n[experts.\"new\"]\ninstruction = \"x\"\n", "new"))
          .containsExactly(new StaleLock("new", "expert `new` is not in the lock"));
    }

    @Test
    void everyReachableProblemIsReportedNotJustTheFirst() {
      String changed =
          replace(replace(CONFIG, "Review the change.", "R."), "Help the reviewer.", "H.");

      assertThat(check(changed, "reviewer"))
          .extracting(StaleLock::expertKey)
          .containsExactly("reviewer", "helper");
    }

    @Test
    void anotherModelMakesTheLockStale() {
      List<StaleLock> stale =
          check(replace(CONFIG, "claude-sonnet-4-5", "claude-opus-4-1"), "loner");

      assertThat(stale)
          .containsExactly(
              new StaleLock(
                  null,
                  "the model is `claude-opus-4-1` in perstack.toml but `claude-sonnet-4-5` in the"
                      + " lock"));
    }

    @Test
    void anotherProviderMakesTheLockStale() {
      List<StaleLock> stale =
          check(
              replace(CONFIG, "providerName = \"anthropic\"", "providerName = \"openai\""),
              "loner");

      assertThat(stale)
          .extracting(StaleLock::reason)
          .containsExactly("the provider is `openai` in perstack.toml but `anthropic` in the lock");
    }

    @Test
    void aLockThatPinsNoProviderOrModelDoesNotCheckThem() {
      PerstackLock l = lock();
      PerstackLock unpinned =
          new PerstackLock(
              l.version(),
              l.generatedAt(),
              l.configPath(),
              l.runtimeVersion(),
              Optional.empty(),
              l.image(),
              l.packages(),
              l.experts());
      PerstackLock providerOnly =
          new PerstackLock(
              l.version(),
              l.generatedAt(),
              l.configPath(),
              l.runtimeVersion(),
              Optional.of(new LockedProvider("anthropic", Optional.empty())),
              l.image(),
              l.packages(),
              l.experts());
      PerstackConfig otherModel = config(replace(CONFIG, "claude-sonnet-4-5", "claude-opus-4-1"));

      assertThat(LockCheck.check(unpinned, otherModel, "loner")).isEmpty();
      assertThat(LockCheck.check(providerOnly, otherModel, "loner")).isEmpty();
    }

    @Test
    void aLockWithoutTheExpertsDelegateAndWithAnotherModelReportsBoth() {
      PerstackLock l = lock();
      Map<String, LockedExpert> experts = new LinkedHashMap<>(l.experts());
      experts.remove("helper");
      PerstackLock partial =
          new PerstackLock(
              l.version(),
              l.generatedAt(),
              l.configPath(),
              l.runtimeVersion(),
              l.provider(),
              l.image(),
              l.packages(),
              experts);

      List<StaleLock> stale =
          LockCheck.check(
              partial, config(replace(CONFIG, "claude-sonnet-4-5", "gpt-5")), "reviewer");

      assertThat(stale).extracting(StaleLock::expertKey).containsExactly("helper", null);
    }
  }

  @Test
  void anExpertTheConfigDoesNotDefineIsACallerError() {
    assertThatThrownBy(() -> LockCheck.check(lock(), config(), "nobody"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nobody");
  }
}
