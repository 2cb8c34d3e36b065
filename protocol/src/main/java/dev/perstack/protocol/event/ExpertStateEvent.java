package dev.perstack.protocol.event;

/** A transition of the run loop's state machine (17 kinds). */
public sealed interface ExpertStateEvent extends RunEvent
    permits StartRun,
        StartGeneration,
        Retry,
        CallTools,
        CallInteractiveTool,
        CallDelegate,
        ResolveToolResults,
        AttemptCompletion,
        FinishToolCall,
        ResumeToolCalls,
        FinishAllToolCalls,
        ContinueToNextStep,
        StopRunByInteractiveTool,
        StopRunByDelegate,
        StopRunByExceededMaxSteps,
        StopRunByError,
        CompleteRun {}
