package dev.perstack.protocol.event;

/** An event of a run's loop, attributed to the expert and step that emitted it. */
public sealed interface RunEvent extends PerstackEvent permits ExpertStateEvent, StreamingEvent {

  /** The key of the expert whose run emitted it. */
  String expertKey();

  /** The step it belongs to; step numbers continue across the runs of a job. */
  int stepNumber();
}
