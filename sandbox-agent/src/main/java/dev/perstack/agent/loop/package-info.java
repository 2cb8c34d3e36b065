/**
 * The expert loop of Perstack: a {@link dev.perstack.agent.loop.JobRunner} runs a job as runs of
 * steps ({@link dev.perstack.agent.loop.RunLoop}), delegating to other experts and stopping for
 * people, and reports every event and checkpoint to an {@link dev.perstack.agent.loop.EventSink}.
 */
package dev.perstack.agent.loop;
