package dev.perstack.image.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An image in the local engine as docker-java reports it. */
public record LocalImage(String id, List<String> tags, Map<String, String> labels, long size) {
  public LocalImage {
    ImageNames.requireImageId(id);
    tags = tags == null ? List.of() : List.copyOf(tags);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    Objects.requireNonNull(id, "id");
  }
}
