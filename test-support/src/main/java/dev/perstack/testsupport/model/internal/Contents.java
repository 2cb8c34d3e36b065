package dev.perstack.testsupport.model.internal;

import dev.perstack.testsupport.model.Answer;
import dev.perstack.testsupport.model.Part;
import java.util.List;
import java.util.stream.Collectors;

/** Views of an answer's parts for formats that group content by kind, like OpenAI's message. */
final class Contents {
  private Contents() {}

  static List<Part.Text> texts(Answer answer) {
    return only(answer, Part.Text.class);
  }

  static List<Part.Thinking> thinking(Answer answer) {
    return only(answer, Part.Thinking.class);
  }

  static List<Part.ToolCall> toolCalls(Answer answer) {
    return only(answer, Part.ToolCall.class);
  }

  static String joinedText(Answer answer) {
    return texts(answer).stream().map(Part.Text::text).collect(Collectors.joining());
  }

  static String joinedThinking(Answer answer) {
    return thinking(answer).stream().map(Part.Thinking::text).collect(Collectors.joining());
  }

  private static <T extends Part> List<T> only(Answer answer, Class<T> kind) {
    return answer.parts().stream().filter(kind::isInstance).map(kind::cast).toList();
  }
}
