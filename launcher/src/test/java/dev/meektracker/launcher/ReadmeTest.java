package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.config.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table is generated from the settings catalogue: it must be exactly the
 * table the catalogue gives. After changing a setting, write it again with {@code -Dmeek.readme.update=true}.
 */
class ReadmeTest {

    private static final Path README = Path.of("..", "README.md");
    private static final String START = "<!-- settings table: generated from Settings.DEF by ReadmeTest -->\n";
    private static final String END = "<!-- end of settings table -->\n";

    static String table() {
        StringBuilder b = new StringBuilder("| key | default | meaning | allowed |\n|---|---|---|---|\n");
        for (ConfigDef.ConfigKey k : Settings.DEF.configKeys().values()) {
            String def = Settings.defaultText(k.name);
            String allowed = k.validator != null
                    ? k.validator.toString()
                    : k.type == ConfigDef.Type.BOOLEAN ? "true, false" : "";
            b.append("| `")
                    .append(k.name)
                    .append("` | ")
                    .append(def.isEmpty() ? "(empty)" : "`" + def + "`")
                    .append(" | ")
                    .append(k.documentation.replace("|", "\\|"))
                    .append(" | ")
                    .append(allowed.replace("|", "\\|"))
                    .append(" |\n");
        }
        return b.toString();
    }

    @Test
    void theConfigurationTableIsTheCatalogues() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README has the settings table markers").isNotNegative();
        assertThat(end).isGreaterThan(start);
        String current = readme.substring(start + START.length(), end);
        if (Boolean.getBoolean("meek.readme.update")) {
            Files.writeString(
                    README,
                    readme.substring(0, start + START.length()) + table() + readme.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(current).isEqualTo(table());
    }
}
