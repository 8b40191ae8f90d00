package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.config.TrackerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table is the documentation of record: every setting must be in it. */
class ReadmeTest {

    @Test
    void everySettingIsDocumented() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (String key : TrackerConfig.SETTINGS.keySet()) {
            assertThat(readme).as("README documents " + key).contains("| `" + key + "` |");
        }
    }
}
