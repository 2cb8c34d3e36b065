package dev.perstack.controlplane.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perstack.controlplane.jobs.CheckpointSummary;
import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.CheckpointStatus;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.message.ExpertMessage;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.TextPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The checkpoint part of the job store contract, and the hooks every implementation's test
 * provides; {@link JobStoreContract} adds the rest.
 */
abstract class CheckpointStoreContract {
  static final ProtocolCodec CODEC = ProtocolCodec.create();

  /** The store under test; the same one for every test of a class. */
  protected abstract JobStore store();

  /** How many messages the store keeps for the job, each counted once. */
  protected abstract long storedMessages(String jobId);

  JobRecord createdJob() {
    JobRecord job = Samples.job();
    store().createJob(job);
    return job;
  }

  @Nested
  class Checkpoints {
    @Test
    void readBackEqualToTheOriginalWithEveryField() {
      JobRecord job = createdJob();
      Checkpoint full = Samples.fullCheckpoint(job.id());

      store().putCheckpoint(full);

      assertThat(store().checkpoint(job.id(), full.id())).contains(full);
      assertThat(CODEC.encode(store().checkpoint(job.id(), full.id()).orElseThrow()))
          .isEqualTo(CODEC.encode(full));
    }

    @Test
    void everyStepOfARunMaterialisesWithItsWholeConversation() {
      JobRecord job = createdJob();
      SampleRun run = new SampleRun(job.id(), 12, false);
      run.checkpoints.forEach(store()::putCheckpoint);

      for (Checkpoint stored : run.checkpoints) {
        assertThat(store().checkpoint(job.id(), stored.id())).contains(stored);
      }
      assertThat(store().latestCheckpoint(job.id())).contains(run.checkpoints.get(11));
    }

    @Test
    void storeEachMessageOnceSoStorageGrowsLinearly() {
      JobRecord job = createdJob();
      SampleRun run = new SampleRun(job.id(), 50, false);

      run.checkpoints.forEach(store()::putCheckpoint);

      // 50 checkpoints carry 4 + 6 + ... + 102 = 2,650 messages; 102 of them are distinct.
      assertThat(run.checkpoints.stream().mapToInt(c -> c.messages().size()).sum()).isEqualTo(2650);
      assertThat(storedMessages(job.id())).isEqualTo(run.messageCount()).isEqualTo(102);
    }

    @Test
    void areListedInTheOrderTheyWereStored() {
      JobRecord job = createdJob();
      SampleRun run = new SampleRun(job.id(), 3, false);
      run.checkpoints.forEach(store()::putCheckpoint);

      List<CheckpointSummary> summaries = store().checkpoints(job.id());

      assertThat(summaries)
          .extracting(CheckpointSummary::id)
          .containsExactlyElementsOf(run.checkpoints.stream().map(Checkpoint::id).toList());
      CheckpointSummary first = summaries.get(0);
      assertThat(first.jobId()).isEqualTo(job.id());
      assertThat(first.runId()).isEqualTo(run.runId);
      assertThat(first.expertKey()).isEqualTo(Samples.EXPERT);
      assertThat(first.stepNumber()).isEqualTo(1);
      assertThat(first.status()).isEqualTo("proceeding");
      assertThat(first.messageCount()).isEqualTo(4);
      assertThat(first.storedAt()).isPositive();
      assertThat(summaries.get(2).status()).isEqualTo("completed");
    }

    @Test
    void theLatestIsTheLastStoredEvenOfAnEarlierStep() {
      JobRecord job = createdJob();
      SampleRun run = new SampleRun(job.id(), 3, false);
      store().putCheckpoint(run.checkpoints.get(2));
      store().putCheckpoint(run.checkpoints.get(0));

      assertThat(store().latestCheckpoint(job.id())).contains(run.checkpoints.get(0));
    }

    @Test
    void ofAnUnknownJobOrIdAreEmpty() {
      JobRecord job = createdJob();

      assertThat(store().checkpoint(job.id(), "cp-none")).isEmpty();
      assertThat(store().latestCheckpoint(job.id())).isEmpty();
      assertThat(store().checkpoints(job.id())).isEmpty();
      assertThat(store().checkpoint(Samples.id("nope"), "cp-none")).isEmpty();
    }

    @Test
    void ofAnUnknownJobCannotBeStored() {
      Checkpoint orphan = Samples.fullCheckpoint(Samples.id("nope"));

      assertThatThrownBy(() -> store().putCheckpoint(orphan))
          .isInstanceOf(JobStoreException.class)
          .hasMessageContaining("no job " + orphan.jobId());
    }

    @Test
    void storedTwiceFailsAndLeavesNothingHalfWritten() {
      JobRecord job = createdJob();
      SampleRun run = new SampleRun(job.id(), 3, false);
      store().putCheckpoint(run.checkpoints.get(0));
      long messagesBefore = storedMessages(job.id());
      Checkpoint later = run.checkpoints.get(2);
      // The same id with two more steps of messages: they would be new, so they get written
      // before the checkpoint's own row fails, and must be rolled back with it.
      Checkpoint sameId =
          Samples.checkpoint(
              run.checkpoints.get(0).id(),
              job.id(),
              run.runId,
              3,
              later.status(),
              later.messages());

      assertThatThrownBy(() -> store().putCheckpoint(sameId))
          .isInstanceOf(JobStoreException.class)
          .hasMessageContaining("stored already");

      assertThat(storedMessages(job.id())).isEqualTo(messagesBefore);
      assertThat(store().checkpoints(job.id())).hasSize(1);
      assertThat(store().checkpoint(job.id(), sameId.id())).contains(run.checkpoints.get(0));
    }
  }

  @Nested
  class Conversations {
    @Test
    void aBranchFromAnEarlierStepStoresOnlyItsNewMessages() {
      JobRecord job = createdJob();
      SampleRun run = new SampleRun(job.id(), 3, false);
      run.checkpoints.forEach(store()::putCheckpoint);
      // Resumed from step 1 with another answer: 4 messages shared, 2 new.
      List<Message> branched = new ArrayList<>(run.checkpoints.get(0).messages());
      branched.add(Samples.expertTurn(9));
      branched.add(Samples.toolTurn(9));
      Checkpoint branch =
          Samples.checkpoint(job.id(), run.runId, 2, CheckpointStatus.PROCEEDING, branched);

      store().putCheckpoint(branch);

      assertThat(storedMessages(job.id())).isEqualTo(run.messageCount() + 2);
      assertThat(store().checkpoint(job.id(), branch.id())).contains(branch);
      assertThat(store().checkpoint(job.id(), run.checkpoints.get(2).id()))
          .contains(run.checkpoints.get(2));
    }

    @Test
    void aReusedMessageIdWithOtherContentIsKeptApart() {
      JobRecord job = createdJob();
      SampleRun run = new SampleRun(job.id(), 1, false);
      Checkpoint original = run.checkpoints.get(0);
      List<Message> changed = new ArrayList<>(original.messages());
      ExpertMessage said = (ExpertMessage) changed.get(2);
      changed.set(
          2,
          new ExpertMessage(
              said.id(), List.of(new TextPart("p-x", "other words")), Optional.empty()));
      Checkpoint rewritten =
          Samples.checkpoint(job.id(), run.runId, 1, CheckpointStatus.PROCEEDING, changed);

      store().putCheckpoint(original);
      store().putCheckpoint(rewritten);

      assertThat(store().checkpoint(job.id(), original.id())).contains(original);
      assertThat(store().checkpoint(job.id(), rewritten.id())).contains(rewritten);
      // The tool message after it follows another message now: it is a node of its own too.
      assertThat(storedMessages(job.id())).isEqualTo(original.messages().size() + 2);
    }

    @Test
    void runsOfOneJobInterleaveWithoutMixingTheirMessages() {
      JobRecord job = createdJob();
      SampleRun parent = new SampleRun(job.id(), 4, false);
      SampleRun delegate = new SampleRun(job.id(), 4, true);
      for (int i = 0; i < 4; i++) {
        store().putCheckpoint(parent.checkpoints.get(i));
        store().putCheckpoint(delegate.checkpoints.get(i));
      }

      assertThat(storedMessages(job.id()))
          .isEqualTo(parent.messageCount() + delegate.messageCount());
      for (int i = 0; i < 4; i++) {
        assertThat(store().checkpoint(job.id(), parent.checkpoints.get(i).id()))
            .contains(parent.checkpoints.get(i));
        assertThat(store().checkpoint(job.id(), delegate.checkpoints.get(i).id()))
            .contains(delegate.checkpoints.get(i));
      }
      assertThat(store().latestCheckpoint(job.id())).contains(delegate.checkpoints.get(3));
    }
  }
}
