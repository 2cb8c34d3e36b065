package dev.perstack.agent.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.agent.skill.ToolCallException;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.message.FileInlinePart;
import dev.perstack.protocol.message.ImageInlinePart;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ToolResultContent;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.BlobResourceContents;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.EmbeddedResource;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ToolResultsTest {
  static final ObjectNode NO_ARGS = ToolResults.JSON.createObjectNode();

  static CallToolResult result(List<Content> content, Boolean isError, Object structured) {
    return new CallToolResult(content, isError, structured, null);
  }

  @Nested
  class Parts {
    @Test
    void textAndImagesKeepTheirOrder() throws ToolCallException {
      List<ToolResultContent> parts =
          ToolResults.parts(
              "t",
              NO_ARGS,
              result(
                  List.of(
                      new TextContent("a"),
                      new ImageContent(null, "iVBO", "image/png"),
                      new TextContent("b")),
                  false,
                  null));

      assertThat(parts)
          .extracting(ToolResultContent::type)
          .containsExactly(TextPart.TYPE, ImageInlinePart.TYPE, TextPart.TYPE);
      assertThat(parts).extracting(ToolResultContent::id).doesNotHaveDuplicates();
    }

    @Test
    void aBlobWithoutAMimeTypeIsAnOctetStream() throws ToolCallException {
      List<ToolResultContent> parts =
          ToolResults.parts(
              "t",
              NO_ARGS,
              result(
                  List.of(
                      new EmbeddedResource(null, new BlobResourceContents("x:/a", null, "AAE="))),
                  null,
                  null));

      assertThat(parts.get(0))
          .isEqualTo(new FileInlinePart(parts.get(0).id(), "AAE=", "application/octet-stream"));
    }

    @Test
    void anEmptyTextPartReadsAsTheOriginalDoes() throws ToolCallException {
      List<ToolResultContent> parts =
          ToolResults.parts("t", NO_ARGS, result(List.of(new TextContent("")), false, null));

      assertThat(((TextPart) parts.get(0)).text()).isEqualTo("Error: No content");
    }

    @Test
    void onlyStructuredContentBecomesJsonText() throws ToolCallException {
      List<ToolResultContent> parts =
          ToolResults.parts("t", NO_ARGS, result(List.of(), false, Map.of("sum", 3)));

      assertThat(((TextPart) parts.get(0)).text()).isEqualTo("{\"sum\":3}");
    }

    @Test
    void anImageWithoutDataFailsTheCall() {
      assertThatThrownBy(
              () ->
                  ToolResults.parts(
                      "t",
                      NO_ARGS,
                      result(List.of(new ImageContent(null, "", "image/png")), false, null)))
          .isInstanceOf(ToolCallException.class);
    }

    @Test
    void anErrorWithoutTextStillSaysItFailed() {
      assertThatThrownBy(() -> ToolResults.parts("t", NO_ARGS, result(List.of(), true, null)))
          .isInstanceOf(ToolCallException.class)
          .hasMessage("the tool reported an error without a message");
    }

    @Test
    void anErrorJoinsItsTexts() {
      assertThatThrownBy(
              () ->
                  ToolResults.parts(
                      "t",
                      NO_ARGS,
                      result(List.of(new TextContent("one"), new TextContent("two")), true, null)))
          .hasMessage("one\ntwo");
    }
  }

  @Nested
  class Definitions {
    @Test
    void aToolWithoutASchemaTakesAnObject() {
      ToolDefinition definition = ToolResults.definition(McpSchema.Tool.builder("bare").build());

      assertThat(definition.name()).isEqualTo("bare");
      assertThat(definition.description()).isEmpty();
      assertThat(definition.inputSchema().toString()).isEqualTo("{\"type\":\"object\"}");
    }
  }
}
