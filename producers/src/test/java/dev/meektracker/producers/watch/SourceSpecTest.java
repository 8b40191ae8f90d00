package dev.meektracker.producers.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sources file that is not what it should be fails at start, naming the source and the key; nothing is taken in silence. */
class SourceSpecTest {

    @TempDir
    Path dir;

    private static final String SOURCE = """
            sources:
              - id: models
                url: https://epoch.ai/data/all_ai_models.csv
                format: epoch-models
                every: PT6H
            """;

    private List<SourceSpec> load(String yaml, Map<String, String> env) throws Exception {
        Path f = dir.resolve("sources.yaml");
        Files.writeString(f, yaml);
        return SourceSpec.load(f, env::get);
    }

    @Test
    void aWellFormedSourceLoads() throws Exception {
        SourceSpec s = load(SOURCE + "    headers:\n      Authorization: \"Bearer ${TOKEN}\"\n", Map.of("TOKEN", "t"))
                .get(0);
        assertThat(s.id()).isEqualTo("models");
        assertThat(s.headers()).containsEntry("Authorization", "Bearer t");
        assertThat(s.maxDeletionShare()).isEqualTo(SourceSpec.DEFAULT_MAX_DELETION_SHARE);
        assertThat(s.accept()).isFalse();
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        // The YAML reader kept the later url, silently.
        assertThatThrownBy(() -> load(SOURCE + "    url: https://example.org/other.csv\n", Map.of()))
                .hasMessage(dir.resolve("sources.yaml")
                        + ": not valid YAML at line 6, column 8: 'url' is given twice in one object");
    }

    @Test
    void headersThatHttpCannotCarryAreRefusedAtStartNotAtTheFirstFetch() {
        assertThatThrownBy(() -> load(SOURCE + "    headers:\n      \"X Token\": abc\n", Map.of()))
                .hasMessageStartingWith("source 'models': header name 'X Token' is not a valid HTTP header name");
        assertThatThrownBy(() -> load(SOURCE + "    headers:\n      Host: example.org\n", Map.of()))
                .hasMessage("source 'models': header Host is set by the HTTP client itself and cannot be given");
        // A secret from the environment with a line break would end the header and start another; never quoted.
        assertThatThrownBy(() -> load(
                        SOURCE + "    headers:\n      Authorization: \"${TOKEN}\"\n",
                        Map.of("TOKEN", "secret\r\nX-Injected: 1")))
                .hasMessage("source 'models', header Authorization: the value holds a line break or NUL, which would"
                        + " end the header early")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> load(SOURCE + "    headers:\n      X-Token: [a, b]\n", Map.of()))
                .hasMessage("source 'models', header X-Token: the value must be text");
    }

    @Test
    void aShareOrAnAcceptThatIsNoNumberOrBooleanIsRefusedNotDefaulted() {
        // asDouble and asBoolean read "twenty percent" as 0.2 and "yes" as false.
        assertThatThrownBy(() -> load(SOURCE + "    maxDeletionShare: twenty percent\n", Map.of()))
                .hasMessage("source 'models': maxDeletionShare must be a number in [0, 1], not 'twenty percent'");
        assertThatThrownBy(() -> load(SOURCE + "    accept: \"yes\"\n", Map.of()))
                .hasMessage("source 'models': accept must be true or false, not 'yes'");
        assertThatThrownBy(() -> load(SOURCE + "    maxDeletionShare: 7\n", Map.of()))
                .hasMessage("source 'models': maxDeletionShare must lie in [0, 1]");
    }

    @Test
    void bytesThatAreNoUtf8AreSaidSo() throws Exception {
        Path f = dir.resolve("sources.yaml");
        Files.write(f, new byte[] {'s', ':', ' ', (byte) 0x80, (byte) 0xff, '\n'});
        assertThatThrownBy(() -> SourceSpec.load(f, k -> null))
                .hasMessage(f + ": not UTF-8 text: save the file as UTF-8");
    }
}
