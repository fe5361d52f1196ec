package io.klinksync.sandbox;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox is its own unit (src/sandbox/java): it imports nothing of the product, so it can be read, tested and
 * changed apart. The product reaches into it only where it starts one; the benchmark harness not at all.
 */
class SandboxIndependenceTest {

    private static final Path SANDBOX_SOURCES = Path.of("src", "sandbox", "java");
    private static final Path PRODUCT_SOURCES = Path.of("src", "main", "java");
    /** Any use of a klink-sync package in code, imported (static or not) or written out in full. */
    private static final Pattern KLINK_REFERENCE = Pattern.compile("\\bio\\.klinksync\\.(\\w+)");
    /** Comments may name the product (to say what a copy agrees with); only code counts. */
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|(?:^|\\s)//[^\n]*",
            Pattern.DOTALL | Pattern.MULTILINE);
    /** The product's classes that start a sandbox: the sandbox and demo commands and the values they pass in. */
    private static final List<String> STARTERS = List.of("io/klinksync/cli/DemoCommand.java",
            "io/klinksync/cli/SandboxCommand.java", "io/klinksync/cli/SandboxDeployments.java");

    @Test
    void theSandboxUsesNothingOfTheProduct() {
        Map<String, List<String>> found = references(SANDBOX_SOURCES, "sandbox");
        assertThat(sources(SANDBOX_SOURCES)).as("sandbox sources").isNotEmpty()
                .allMatch(file -> SANDBOX_SOURCES.relativize(file).startsWith(Path.of("io", "klinksync", "sandbox")));
        assertThat(found).as("files of src/sandbox/java that use io.klinksync.* outside io.klinksync.sandbox").isEmpty();
    }

    @Test
    void theProductStartsTheSandboxInOnlyTheCommandsThatServeIt() {
        List<String> users = sources(PRODUCT_SOURCES).stream().filter(file -> code(file).contains("io.klinksync.sandbox"))
                .map(file -> PRODUCT_SOURCES.relativize(file).toString().replace('\\', '/')).toList();
        assertThat(users).as("product files that use io.klinksync.sandbox").isSubsetOf(STARTERS);
    }

    @Test
    void theProductHoldsNothingOfTheBenchmarkHarness() {
        assertThat(PRODUCT_SOURCES.resolve(Path.of("io", "klinksync", "bench"))).doesNotExist();
        assertThat(sources(PRODUCT_SOURCES)).as("product files that use io.klinksync.bench")
                .noneMatch(file -> code(file).contains("io.klinksync.bench"));
    }

    /** File to the klink-sync packages it uses other than its own unit's. */
    private static Map<String, List<String>> references(Path root, String unit) {
        Map<String, List<String>> found = new TreeMap<>();
        for (Path file : sources(root)) {
            Matcher m = KLINK_REFERENCE.matcher(code(file));
            List<String> outside = m.results().map(r -> r.group(1)).filter(p -> !p.equals(unit)).distinct().toList();
            if (!outside.isEmpty()) {
                found.put(root.relativize(file).toString(), outside);
            }
        }
        return found;
    }

    private static List<Path> sources(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String code(Path file) {
        try {
            return COMMENT.matcher(Files.readString(file)).replaceAll(" ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
