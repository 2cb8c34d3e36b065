package dev.perstack.lockfile.config.internal;

import dev.perstack.lockfile.config.ExpertDefinition;
import dev.perstack.lockfile.config.ExpertKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Resolves every expert's delegates to defined experts and answers what an expert can reach. */
final class DelegateGraph {
  private final Map<String, List<String>> edges;
  private final Map<String, ExpertDefinition> experts;

  private DelegateGraph(Map<String, List<String>> edges, Map<String, ExpertDefinition> experts) {
    this.edges = edges;
    this.experts = experts;
  }

  static DelegateGraph resolve(List<ExpertReader.Draft> drafts, Problems problems) {
    List<String> defined = drafts.stream().map(ExpertReader.Draft::rawKey).toList();
    Map<String, List<String>> edges = new LinkedHashMap<>();
    Map<String, ExpertDefinition> experts = new LinkedHashMap<>();
    for (ExpertReader.Draft draft : drafts) {
      int mark = problems.mark();
      List<String> resolved = new ArrayList<>();
      Map<String, String> toolNames = new HashMap<>();
      for (TableReader.Item delegate : draft.delegates()) {
        Optional<String> target = resolveOne(delegate, draft, defined, problems);
        if (target.isEmpty()) {
          continue;
        }
        String toolName =
            ExpertKey.parse(target.get()).map(ExpertKey::delegateToolName).orElse(target.get());
        String clash = toolNames.putIfAbsent(toolName, target.get());
        if (clash != null && !clash.equals(target.get())) {
          problems.error(
              delegate.position(),
              draft.table().field("delegates"),
              draft.rawKey(),
              "delegates `"
                  + clash
                  + "` and `"
                  + target.get()
                  + "` would both be the tool `"
                  + toolName
                  + "`",
              "delegate to only one of them");
        }
        if (!resolved.contains(target.get())) {
          resolved.add(target.get());
        }
      }
      edges.put(draft.rawKey(), resolved);
      if (draft.definition().isPresent() && !problems.hasErrorsSince(mark)) {
        ExpertDefinition d = draft.definition().get();
        experts.put(
            draft.rawKey(),
            new ExpertDefinition(
                d.key(),
                d.version(),
                d.description(),
                d.instruction(),
                d.skills(),
                resolved,
                d.tags(),
                d.minRuntimeVersion(),
                d.providerTools(),
                d.providerSkills(),
                d.providerToolOptions()));
      }
    }
    return new DelegateGraph(edges, experts);
  }

  private static Optional<String> resolveOne(
      TableReader.Item delegate,
      ExpertReader.Draft draft,
      List<String> defined,
      Problems problems) {
    String name = delegate.value();
    if (defined.contains(name)) {
      return Optional.of(name);
    }
    // An unversioned delegate names the one defined expert with that name, if there is one.
    List<String> candidates =
        defined.stream()
            .filter(k -> ExpertKey.parse(k).map(ExpertKey::unversioned).orElse("").equals(name))
            .toList();
    if (candidates.size() == 1) {
      return Optional.of(candidates.get(0));
    }
    String field = draft.table().field("delegates");
    if (candidates.size() > 1) {
      problems.error(
          delegate.position(),
          field,
          draft.rawKey(),
          "delegate `" + name + "` matches several experts: " + String.join(", ", candidates),
          "name the version, for example `" + candidates.get(0) + "`");
    } else {
      String hint = DidYouMean.hint(name, defined);
      problems.error(
          delegate.position(),
          field,
          draft.rawKey(),
          "delegate `" + name + "` of `" + draft.rawKey() + "` is not a defined expert",
          (hint.isEmpty() ? "" : hint + " ")
              + "define [experts.\""
              + name
              + "\"] or remove it from `delegates`");
    }
    return Optional.empty();
  }

  /** The experts that loaded without errors, delegates resolved, in file order. */
  Map<String, ExpertDefinition> experts() {
    return experts;
  }

  boolean isDefined(String key) {
    return edges.containsKey(key);
  }

  List<String> definedKeys() {
    return List.copyOf(edges.keySet());
  }

  /** {@code key} and every expert it can delegate to, directly or not. */
  List<String> reachableFrom(String key) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> queue = new ArrayDeque<>(List.of(key));
    while (!queue.isEmpty()) {
      String next = queue.poll();
      if (seen.add(next)) {
        queue.addAll(edges.getOrDefault(next, List.of()));
      }
    }
    return List.copyOf(seen);
  }
}
