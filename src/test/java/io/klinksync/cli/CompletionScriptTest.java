package io.klinksync.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped completion script, sourced in a real bash, completes commands, options and option values. */
class CompletionScriptTest {

    @TempDir
    Path dir;

    @Test
    void bashCompletesCommandsOptionsAndValues() throws Exception {
        Path script = dir.resolve("klink-sync-completion.bash");
        CompletionScript.write(script);

        assertThat(complete(script, "klink-sync", "sy")).contains("sync");
        assertThat(complete(script, "klink-sync", "sync", "--str")).contains("--stream");
        assertThat(complete(script, "klink-sync", "sync", "--mirror", "")).contains("jdbc", "csv");
        assertThat(complete(script, "klink-sync", "import", "--dry")).contains("--dry-run");
    }

    /** What the completion function offers for the last word, as bash would ask it on TAB. */
    private static String complete(Path script, String... words) throws Exception {
        String array = String.join(" ", java.util.Arrays.stream(words).map(w -> "'" + w + "'").toList());
        String program = "source '" + script + "'; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; _complete_klink-sync klink-sync;"
                + " printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process bash = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
