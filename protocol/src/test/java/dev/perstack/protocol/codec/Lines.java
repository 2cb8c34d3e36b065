package dev.perstack.protocol.codec;

/**
 * Event lines shaped like the TypeScript Perstack's {@code perstack run} output, written by hand
 * from its zod schemas: field order and ids as its runtime produces them.
 */
final class Lines {
  private Lines() {}

  static final String USAGE =
      "{\"inputTokens\":1200,\"outputTokens\":300,\"reasoningTokens\":0,"
          + "\"totalTokens\":1500,\"cachedInputTokens\":1024}";

  static final String CALL_TOOLS =
      "{\"type\":\"callTools\",\"id\":\"tz4a98xxat96iws9zmbrgj3a\","
          + "\"expertKey\":\"@acme/reviewer@1.2.0\",\"timestamp\":1735689600123,"
          + "\"jobId\":\"pfh0haxfpzowht3oi213cqos\",\"runId\":\"nc6bzmkmd014706rfda898to\","
          + "\"stepNumber\":3,"
          + "\"newMessage\":{\"id\":\"c8rdm6ee6gq5mfqjqfxks8ly\",\"type\":\"expertMessage\","
          + "\"contents\":["
          + "{\"type\":\"thinkingPart\",\"id\":\"b1\",\"thinking\":\"Read the file first.\","
          + "\"signature\":\"EqQBCkYIBxgCKkA\"},"
          + "{\"type\":\"textPart\",\"id\":\"b2\",\"text\":\"Let me read it.\"},"
          + "{\"type\":\"toolCallPart\",\"id\":\"b3\",\"toolCallId\":\"toolu_01A09q90qw90lq917835lq9\","
          + "\"toolName\":\"readTextFile\",\"args\":{\"path\":\"src/main.ts\"}}]},"
          + "\"toolCalls\":[{\"id\":\"toolu_01A09q90qw90lq917835lq9\",\"skillName\":\"@perstack/base\","
          + "\"toolName\":\"readTextFile\",\"args\":{\"path\":\"src/main.ts\"}}],"
          + "\"usage\":"
          + USAGE
          + "}";

  private static final String MESSAGES =
      "[{\"id\":\"m1\",\"type\":\"instructionMessage\",\"contents\":[{\"id\":\"i1\","
          + "\"type\":\"textPart\",\"text\":\"You are a reviewer.\"}],\"cache\":true},"
          + "{\"id\":\"m2\",\"type\":\"userMessage\",\"contents\":[{\"id\":\"u1\","
          + "\"type\":\"textPart\",\"text\":\"Review src/main.ts\"}]},"
          + "{\"id\":\"m3\",\"type\":\"expertMessage\",\"contents\":[{\"id\":\"x1\","
          + "\"type\":\"textPart\",\"text\":\"The code looks good.\"}]}]";

  static final String COMPLETE_RUN =
      "{\"type\":\"completeRun\",\"id\":\"w3c0kh0ot8ei2f1ydpyyq7gl\","
          + "\"expertKey\":\"@acme/reviewer@1.2.0\",\"timestamp\":1735689601000,"
          + "\"jobId\":\"pfh0haxfpzowht3oi213cqos\",\"runId\":\"nc6bzmkmd014706rfda898to\","
          + "\"stepNumber\":4,"
          + "\"checkpoint\":{\"id\":\"yk0t3qwlbzmb7yzt6aqhdjcp\",\"jobId\":\"pfh0haxfpzowht3oi213cqos\","
          + "\"runId\":\"nc6bzmkmd014706rfda898to\",\"status\":\"completed\",\"stepNumber\":4,"
          + "\"messages\":"
          + MESSAGES
          + ",\"expert\":{\"key\":\"@acme/reviewer@1.2.0\",\"name\":\"@acme/reviewer\","
          + "\"version\":\"1.2.0\"},\"usage\":"
          + USAGE
          + ",\"contextWindow\":200000,\"contextWindowUsage\":0.0125,"
          + "\"metadata\":{\"runtime\":\"local\"}},"
          + "\"step\":{\"stepNumber\":4,\"newMessages\":[{\"id\":\"m3\",\"type\":\"expertMessage\","
          + "\"contents\":[{\"id\":\"x1\",\"type\":\"textPart\",\"text\":\"The code looks good.\"}]}],"
          + "\"usage\":"
          + USAGE
          + ",\"startedAt\":1735689600500,\"finishedAt\":1735689601000},"
          + "\"text\":\"The code looks good.\",\"usage\":"
          + USAGE
          + "}";

  static final String INITIALIZE_RUNTIME =
      "{\"type\":\"initializeRuntime\",\"id\":\"ox1q5cs5yq1cz2q8ptx1a7vm\","
          + "\"timestamp\":1735689600000,\"jobId\":\"pfh0haxfpzowht3oi213cqos\","
          + "\"runId\":\"nc6bzmkmd014706rfda898to\",\"runtimeVersion\":\"0.0.68\","
          + "\"expertName\":\"@acme/reviewer\",\"experts\":[\"@acme/reviewer@1.2.0\"],"
          + "\"model\":\"claude-sonnet-4-5\",\"maxRetries\":5,\"timeout\":300000,"
          + "\"query\":\"Review src/main.ts\"}";

  /** A run event with the base fields, the given type, and {@code rest} appended. */
  static String base(String type, String rest) {
    return "{\"type\":\""
        + type
        + "\",\"id\":\"e1\",\"expertKey\":\"x\",\"timestamp\":1,\"jobId\":\"j\",\"runId\":\"r\","
        + rest
        + "}";
  }
}
