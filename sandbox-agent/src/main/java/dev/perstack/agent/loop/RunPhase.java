package dev.perstack.agent.loop;

/** The states of Perstack's run state machine that the loop moves between. */
enum RunPhase {
  PREPARING_FOR_STEP,
  GENERATING_TOOL_CALL,
  CALLING_TOOL,
  GENERATING_RUN_RESULT,
  FINISHING_STEP,
  STOPPED
}
