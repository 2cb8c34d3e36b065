package dev.perstack.controlplane.gateway.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.perstack.protocol.message.ExpertContent;
import dev.perstack.protocol.message.ExpertMessage;
import dev.perstack.protocol.message.FileBinaryPart;
import dev.perstack.protocol.message.FileInlinePart;
import dev.perstack.protocol.message.FileUrlPart;
import dev.perstack.protocol.message.ImageBinaryPart;
import dev.perstack.protocol.message.ImageInlinePart;
import dev.perstack.protocol.message.ImageUrlPart;
import dev.perstack.protocol.message.InstructionMessage;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ThinkingPart;
import dev.perstack.protocol.message.ToolCallPart;
import dev.perstack.protocol.message.ToolMessage;
import dev.perstack.protocol.message.ToolResultContent;
import dev.perstack.protocol.message.ToolResultPart;
import dev.perstack.protocol.message.UserContent;
import dev.perstack.protocol.message.UserMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Perstack messages as langchain4j chat messages: the instruction as a system message, user parts
 * as text, image and PDF contents, expert messages as AI messages with their tool calls and signed
 * thinking, and each tool result as a tool execution result message answering its call.
 */
final class Lc4jMessages {
  /** The attribute under which langchain4j's Anthropic and Gemini models keep a signature. */
  static final String THINKING_SIGNATURE = "thinking_signature";

  private Lc4jMessages() {}

  /**
   * The conversation as langchain4j messages.
   *
   * @param richToolResults whether the provider takes images in tool results (Anthropic, Gemini);
   *     otherwise a tool result is its text and its images follow in a user message
   */
  static List<ChatMessage> toChatMessages(List<Message> messages, boolean richToolResults) {
    List<ChatMessage> chat = new ArrayList<>();
    for (Message message : messages) {
      if (message instanceof InstructionMessage instruction) {
        chat.add(SystemMessage.from(joined(instruction.contents())));
      } else if (message instanceof UserMessage user) {
        List<Content> contents = new ArrayList<>();
        for (UserContent part : user.contents()) {
          contents.add(userContent(part));
        }
        chat.add(dev.langchain4j.data.message.UserMessage.from(contents));
      } else if (message instanceof ExpertMessage expert) {
        chat.add(aiMessage(expert));
      } else if (message instanceof ToolMessage tool) {
        toolResults(tool, richToolResults, chat);
      }
    }
    return chat;
  }

  private static AiMessage aiMessage(ExpertMessage expert) {
    List<String> texts = new ArrayList<>();
    List<String> thinking = new ArrayList<>();
    List<ToolExecutionRequest> calls = new ArrayList<>();
    Map<String, Object> attributes = new HashMap<>();
    for (ExpertContent part : expert.contents()) {
      if (part instanceof TextPart text) {
        texts.add(text.text());
      } else if (part instanceof ThinkingPart think) {
        thinking.add(think.thinking());
        think.signature().ifPresent(signature -> attributes.put(THINKING_SIGNATURE, signature));
      } else if (part instanceof ToolCallPart call) {
        calls.add(
            ToolExecutionRequest.builder()
                .id(call.toolCallId())
                .name(call.toolName())
                .arguments(call.args().toString())
                .build());
      }
    }
    AiMessage.Builder builder = AiMessage.builder().attributes(attributes);
    if (!texts.isEmpty()) {
      builder.text(String.join("", texts));
    }
    if (!thinking.isEmpty()) {
      builder.thinking(String.join("", thinking));
    }
    if (!calls.isEmpty()) {
      builder.toolExecutionRequests(calls);
    }
    return builder.build();
  }

  private static void toolResults(ToolMessage tool, boolean rich, List<ChatMessage> chat) {
    List<Content> deferredImages = new ArrayList<>();
    for (ToolResultPart result : tool.contents()) {
      List<Content> contents = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (ToolResultContent part : result.contents()) {
        if (part instanceof TextPart text) {
          contents.add(TextContent.from(text.text()));
          texts.add(text.text());
        } else if (part instanceof ImageInlinePart image) {
          Content content = ImageContent.from(image.encodedData(), image.mimeType());
          if (rich) {
            contents.add(content);
          } else {
            deferredImages.add(content);
            texts.add("[image " + image.mimeType() + " follows in the next user message]");
          }
        } else if (part instanceof FileInlinePart file) {
          Content content = fileContent(file.encodedData(), file.mimeType());
          if (rich || content instanceof TextContent) {
            contents.add(content);
            if (content instanceof TextContent text) {
              texts.add(text.text());
            }
          } else {
            deferredImages.add(content);
            texts.add("[file " + file.mimeType() + " follows in the next user message]");
          }
        }
      }
      ToolExecutionResultMessage.Builder builder =
          ToolExecutionResultMessage.builder().id(result.toolCallId()).toolName(result.toolName());
      if (rich && !contents.isEmpty()) {
        builder.contents(contents);
      } else {
        builder.text(String.join("\n", texts));
      }
      result.isError().ifPresent(builder::isError);
      chat.add(builder.build());
    }
    if (!deferredImages.isEmpty()) {
      List<Content> contents = new ArrayList<>();
      contents.add(TextContent.from("Files returned by the tool calls above:"));
      contents.addAll(deferredImages);
      chat.add(dev.langchain4j.data.message.UserMessage.from(contents));
    }
  }

  private static Content userContent(UserContent part) {
    if (part instanceof TextPart text) {
      return TextContent.from(text.text());
    }
    if (part instanceof ImageInlinePart image) {
      return ImageContent.from(image.encodedData(), image.mimeType());
    }
    if (part instanceof ImageBinaryPart image) {
      return ImageContent.from(image.data(), image.mimeType());
    }
    if (part instanceof ImageUrlPart image) {
      return ImageContent.from(URI.create(image.url()));
    }
    if (part instanceof FileInlinePart file) {
      return fileContent(file.encodedData(), file.mimeType());
    }
    if (part instanceof FileBinaryPart file) {
      return fileContent(file.data(), file.mimeType());
    }
    FileUrlPart file = (FileUrlPart) part;
    return PdfFileContent.from(URI.create(file.url()));
  }

  /** A PDF as a PDF, an image as an image, anything textual as its text. */
  private static Content fileContent(String base64, String mimeType) {
    if (mimeType.startsWith("image/")) {
      return ImageContent.from(base64, mimeType);
    }
    if (mimeType.equals("application/pdf")) {
      return PdfFileContent.from(base64, mimeType);
    }
    String text = new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
    return TextContent.from(text);
  }

  private static String joined(List<TextPart> parts) {
    return parts.stream().map(TextPart::text).collect(Collectors.joining("\n"));
  }
}
