package dev.perstack.controlplane.gateway.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perstack.protocol.generation.ToolDefinition;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentSource;
import software.amazon.awssdk.services.bedrockruntime.model.ImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageSource;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/**
 * Perstack messages as Converse messages: the instruction as system blocks, consecutive messages of
 * one role merged (Converse wants user and assistant to alternate), tool results as {@code
 * toolResult} blocks in a user message, signed reasoning sent back, tool schemas passed whole.
 */
final class BedrockMessages {
  private BedrockMessages() {}

  static List<SystemContentBlock> system(List<Message> messages) {
    List<SystemContentBlock> system = new ArrayList<>();
    for (Message message : messages) {
      if (message instanceof InstructionMessage instruction) {
        instruction
            .contents()
            .forEach(part -> system.add(SystemContentBlock.fromText(part.text())));
      }
    }
    return system;
  }

  static List<software.amazon.awssdk.services.bedrockruntime.model.Message> conversation(
      List<Message> messages) {
    List<software.amazon.awssdk.services.bedrockruntime.model.Message> result = new ArrayList<>();
    ConversationRole role = null;
    List<ContentBlock> blocks = new ArrayList<>();
    for (Message message : messages) {
      if (message instanceof InstructionMessage) {
        continue;
      }
      ConversationRole next =
          message instanceof ExpertMessage ? ConversationRole.ASSISTANT : ConversationRole.USER;
      if (role != null && next != role && !blocks.isEmpty()) {
        result.add(message(role, blocks));
        blocks = new ArrayList<>();
      }
      role = next;
      blocks.addAll(blocks(message));
    }
    if (role != null && !blocks.isEmpty()) {
      result.add(message(role, blocks));
    }
    return result;
  }

  static ToolConfiguration tools(List<ToolDefinition> tools) {
    List<Tool> specs = new ArrayList<>();
    for (ToolDefinition tool : tools) {
      ToolSpecification.Builder spec =
          ToolSpecification.builder()
              .name(tool.name())
              .inputSchema(ToolInputSchema.fromJson(Documents.toDocument(tool.inputSchema())));
      tool.description().ifPresent(spec::description);
      specs.add(Tool.fromToolSpec(spec.build()));
    }
    return ToolConfiguration.builder().tools(specs).build();
  }

  private static software.amazon.awssdk.services.bedrockruntime.model.Message message(
      ConversationRole role, List<ContentBlock> blocks) {
    return software.amazon.awssdk.services.bedrockruntime.model.Message.builder()
        .role(role)
        .content(blocks)
        .build();
  }

  private static List<ContentBlock> blocks(Message message) {
    List<ContentBlock> blocks = new ArrayList<>();
    if (message instanceof UserMessage user) {
      for (UserContent part : user.contents()) {
        blocks.add(userBlock(part));
      }
    } else if (message instanceof ExpertMessage expert) {
      for (ExpertContent part : expert.contents()) {
        if (part instanceof ThinkingPart thinking) {
          ReasoningTextBlock.Builder text = ReasoningTextBlock.builder().text(thinking.thinking());
          thinking.signature().ifPresent(text::signature);
          blocks.add(
              ContentBlock.fromReasoningContent(
                  ReasoningContentBlock.fromReasoningText(text.build())));
        } else if (part instanceof TextPart text) {
          if (!text.text().isEmpty()) {
            blocks.add(ContentBlock.fromText(text.text()));
          }
        } else if (part instanceof ToolCallPart call) {
          JsonNode args =
              call.args().isObject() ? call.args() : Documents.MAPPER.createObjectNode();
          blocks.add(
              ContentBlock.fromToolUse(
                  ToolUseBlock.builder()
                      .toolUseId(call.toolCallId())
                      .name(call.toolName())
                      .input(Documents.toDocument(args))
                      .build()));
        }
      }
    } else if (message instanceof ToolMessage tool) {
      for (ToolResultPart result : tool.contents()) {
        List<ToolResultContentBlock> contents = new ArrayList<>();
        for (ToolResultContent part : result.contents()) {
          if (part instanceof TextPart text) {
            contents.add(ToolResultContentBlock.fromText(text.text()));
          } else if (part instanceof ImageInlinePart image) {
            contents.add(
                ToolResultContentBlock.fromImage(image(image.encodedData(), image.mimeType())));
          } else if (part instanceof FileInlinePart file) {
            contents.add(ToolResultContentBlock.fromText(decodedText(file.encodedData())));
          }
        }
        ToolResultBlock.Builder block =
            ToolResultBlock.builder().toolUseId(result.toolCallId()).content(contents);
        if (result.isError().orElse(false)) {
          block.status(ToolResultStatus.ERROR);
        }
        blocks.add(ContentBlock.fromToolResult(block.build()));
      }
    }
    return blocks;
  }

  private static ContentBlock userBlock(UserContent part) {
    if (part instanceof TextPart text) {
      return ContentBlock.fromText(text.text());
    }
    if (part instanceof ImageInlinePart image) {
      return ContentBlock.fromImage(image(image.encodedData(), image.mimeType()));
    }
    if (part instanceof ImageBinaryPart image) {
      return ContentBlock.fromImage(image(image.data(), image.mimeType()));
    }
    if (part instanceof FileInlinePart file) {
      return file(file.encodedData(), file.mimeType(), file.id());
    }
    if (part instanceof FileBinaryPart file) {
      return file(file.data(), file.mimeType(), file.id());
    }
    String url = part instanceof ImageUrlPart image ? image.url() : ((FileUrlPart) part).url();
    // Converse takes bytes or S3 locations, not web URLs: the model gets the address as text.
    return ContentBlock.fromText("[attachment at " + url + "]");
  }

  private static ImageBlock image(String base64, String mimeType) {
    String format = mimeType.substring(mimeType.indexOf('/') + 1).toLowerCase(Locale.ROOT);
    return ImageBlock.builder()
        .format(format.equals("jpg") ? "jpeg" : format)
        .source(
            ImageSource.fromBytes(SdkBytes.fromByteArray(Base64.getMimeDecoder().decode(base64))))
        .build();
  }

  private static ContentBlock file(String base64, String mimeType, String id) {
    if (mimeType.startsWith("image/")) {
      return ContentBlock.fromImage(image(base64, mimeType));
    }
    if (mimeType.startsWith("text/")) {
      return ContentBlock.fromText(decodedText(base64));
    }
    String format = mimeType.equals("application/pdf") ? "pdf" : "txt";
    return ContentBlock.fromDocument(
        DocumentBlock.builder()
            .format(format)
            .name("document-" + id.replaceAll("[^A-Za-z0-9-]", "-"))
            .source(
                DocumentSource.fromBytes(
                    SdkBytes.fromByteArray(Base64.getMimeDecoder().decode(base64))))
            .build());
  }

  private static String decodedText(String base64) {
    return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
