package dev.perstack.image.internal;

import dev.perstack.image.AgentClasspath;
import dev.perstack.image.BaseImage;
import dev.perstack.image.BaseImageRecipe;
import dev.perstack.image.BuildListener;
import dev.perstack.image.ImageBuild;
import dev.perstack.image.ImageBuildException;
import dev.perstack.image.ImageBuildSettings;
import dev.perstack.image.SandboxImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command line for building the sandbox image without the CLI (used by {@code
 * bench/image-build.sh}); prints progress on stderr and {@code key=value} results on stdout.
 *
 * <pre>
 * ImageBuildTool [--repositories BASE,SANDBOX] [--recipe-version V] [--jib-cache DIR] [--quiet]
 *                ensure | rebuild-agent | remove
 * </pre>
 */
public final class ImageBuildTool {
  private ImageBuildTool() {}

  public static void main(String[] args) throws Exception {
    ImageBuildSettings settings = ImageBuildSettings.defaults();
    BuildListener listener = BuildListener.printingTo(System.err);
    List<String> commands = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--repositories" -> {
          String[] names = args[++i].split(",", 2);
          settings = settings.withRepositories(names[0], names[1]);
        }
        case "--recipe-version" ->
            settings = settings.withRecipe(settings.recipe().withRecipeVersion(args[++i]));
        case "--jib-cache" -> settings = settings.withJibCache(Path.of(args[++i]));
        case "--quiet" -> listener = BuildListener.NONE;
        default -> commands.add(args[i]);
      }
    }
    if (commands.size() != 1) {
      System.err.println("usage: ImageBuildTool [options] ensure|rebuild-agent|remove");
      System.exit(2);
    }
    try (ImageBuild build = ImageBuild.connect(settings)) {
      long start = System.nanoTime();
      switch (commands.get(0)) {
        case "ensure" -> print(build.ensureSandboxImage(listener));
        case "rebuild-agent" -> {
          BaseImage base = build.baseImages().ensure(settings.recipe(), listener);
          print(build.sandboxImages().build(base, AgentClasspath.ofThisBuild(), listener));
        }
        case "remove" -> remove(build, settings);
        default -> {
          System.err.println("unknown command: " + commands.get(0));
          System.exit(2);
        }
      }
      System.out.println("elapsed_ms=" + (System.nanoTime() - start) / 1_000_000);
    } catch (ImageBuildException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void print(SandboxImage image) {
    System.out.println("reference=" + image.reference());
    System.out.println("image_id=" + image.imageId());
    System.out.println("input_digest=" + image.inputDigest());
    System.out.println("base=" + image.baseReference());
    System.out.println("built=" + image.built());
  }

  private static void remove(ImageBuild build, ImageBuildSettings settings) throws Exception {
    try (Engine engine = Engine.connect()) {
      BaseImageRecipe recipe = settings.recipe();
      for (LocalImage image : engine.withLabels(java.util.Map.of(Labels.IMAGE, Labels.SANDBOX))) {
        if (image.tags().stream().allMatch(t -> t.startsWith(settings.repository() + ":"))
            && !image.tags().isEmpty()) {
          engine.remove(image.id());
        }
      }
      engine.remove(build.baseImages().referenceFor(recipe));
    }
  }
}
