/**
 * A scripted model server: a real HTTP server on 127.0.0.1 that answers in the wire formats of
 * OpenAI chat completions, Anthropic messages and Gemini generateContent, with replies a test
 * enqueues in order, and records every request it receives.
 *
 * <pre>{@code
 * try (ScriptedModelServer server = ScriptedModelServer.start()) {
 *   server.enqueue(
 *       Reply.toolCall("call_1", "readTextFile", "{\"path\":\"a.txt\"}").withUsage(120, 30, 0, 100),
 *       Reply.error(429).retryAfterSeconds(2),
 *       Reply.text("Done.").withThinking("The file is short."));
 *   // point a client at server.baseUrl() + "/v1", run it, then:
 *   RecordedRequest first = server.takeRequest();
 *   assertThat(first.header("authorization")).contains("Bearer test-key");
 * }
 * }</pre>
 *
 * <p>Replies are provider-neutral ({@link dev.perstack.testsupport.model.Reply}); the route a
 * request arrives on decides how a reply is rendered, and the request decides whether it streams.
 */
package dev.perstack.testsupport.model;
