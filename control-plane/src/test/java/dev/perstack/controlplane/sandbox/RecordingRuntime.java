package dev.perstack.controlplane.sandbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Wraps a runtime to see what the orchestrator asks of it: each job's request (optionally changed
 * first, e.g. to hand a sandbox the wrong token) and the handle it got back.
 */
final class RecordingRuntime implements SandboxRuntime {
  private final SandboxRuntime delegate;
  private final UnaryOperator<SandboxRequest> change;
  private final Map<String, CompletableFuture<SandboxRequest>> requests = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<SandboxHandle>> handles = new ConcurrentHashMap<>();

  RecordingRuntime(SandboxRuntime delegate, UnaryOperator<SandboxRequest> change) {
    this.delegate = delegate;
    this.change = change;
  }

  RecordingRuntime(SandboxRuntime delegate) {
    this(delegate, UnaryOperator.identity());
  }

  SandboxRuntime delegate() {
    return delegate;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public SandboxHandle start(SandboxRequest request) throws SandboxException {
    SandboxRequest changed = change.apply(request);
    requests.computeIfAbsent(request.jobId(), k -> new CompletableFuture<>()).complete(changed);
    SandboxHandle handle = delegate.start(changed);
    handles.computeIfAbsent(request.jobId(), k -> new CompletableFuture<>()).complete(handle);
    return handle;
  }

  @Override
  public List<String> reap(String owner) throws SandboxException {
    return delegate.reap(owner);
  }

  /** Completes when the job's sandbox was asked for (with the request as changed). */
  CompletableFuture<SandboxRequest> request(String jobId) {
    return requests.computeIfAbsent(jobId, k -> new CompletableFuture<>());
  }

  /** Completes when the job's sandbox started. */
  CompletableFuture<SandboxHandle> handle(String jobId) {
    return handles.computeIfAbsent(jobId, k -> new CompletableFuture<>());
  }

  /** The same request with another token. */
  static SandboxRequest withToken(SandboxRequest request, String token) {
    return new SandboxRequest(
        request.jobId(), request.socketDirectory(), token, request.workspace(), request.logFile());
  }
}
