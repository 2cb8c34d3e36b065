package dev.perstack.protocol.event;

/** Reasoning or a run result streamed while the model generates (6 kinds). */
public sealed interface StreamingEvent extends RunEvent
    permits StartStreamingReasoning,
        StreamReasoning,
        CompleteStreamingReasoning,
        StartStreamingRunResult,
        StreamRunResult,
        CompleteStreamingRunResult {}
