package dev.perstack.controlplane.gateway;

import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.message.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The {@link RequestDigest} of one job's successive requests, each costing only the messages the
 * request before it did not have: a run asks with the whole conversation every step, so digesting
 * it whole again would cost the square of the steps. Keeps the digest's state after the last
 * request's messages; a request that does not extend them (another run's, a changed message) is
 * digested whole. Thread-safe.
 */
final class DigestChain {
  private String head;
  private List<Message> messages = List.of();
  private MessageDigest afterMessages;
  private GenerationRequest aroundOf;
  private String[] around;

  synchronized String digest(GenerationRequest request) {
    String[] parts = around(request);
    List<Message> now = request.messages();
    int known = extendsChain(parts[0], now) ? messages.size() : 0;
    MessageDigest sha;
    if (known > 0) {
      sha = copy(afterMessages);
    } else {
      sha = RequestDigest.sha256();
      sha.update(parts[0].getBytes(StandardCharsets.UTF_8));
    }
    for (int i = known; i < now.size(); i++) {
      if (i > 0) {
        sha.update((byte) ',');
      }
      sha.update(RequestDigest.canonicalMessage(now.get(i)).getBytes(StandardCharsets.UTF_8));
    }
    head = parts[0];
    messages = now;
    afterMessages = copy(sha);
    sha.update(parts[1].getBytes(StandardCharsets.UTF_8));
    return RequestDigest.hex(sha);
  }

  /** The JSON around the messages; a run's requests differ only in their messages, mostly. */
  private String[] around(GenerationRequest request) {
    GenerationRequest last = aroundOf;
    if (last == null
        || !last.tools().equals(request.tools())
        || !last.expertKey().equals(request.expertKey())
        || !last.reasoningBudget().equals(request.reasoningBudget())
        || !last.maxTokens().equals(request.maxTokens())) {
      around = RequestDigest.aroundMessages(request);
      aroundOf = request;
    }
    return around;
  }

  private boolean extendsChain(String requestHead, List<Message> now) {
    if (afterMessages == null || !requestHead.equals(head) || now.size() < messages.size()) {
      return false;
    }
    // Mostly the same instances (the wire referred to them), which equals answers at once.
    return messages.equals(now.subList(0, messages.size()));
  }

  private static MessageDigest copy(MessageDigest sha) {
    try {
      return (MessageDigest) sha.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
    }
  }
}
