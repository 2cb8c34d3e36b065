package dev.perstack.testsupport.model.internal;

/**
 * Thrown out of the handler to drop the connection mid-response: the JDK server then closes the
 * socket without the chunked terminator, which is how a real stream dies, while closing the
 * exchange would end the response cleanly.
 */
final class ConnectionCut extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ConnectionCut(String why) {
    super(why, null, false, false);
  }
}
