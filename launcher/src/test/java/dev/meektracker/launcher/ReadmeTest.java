package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.security.RoleAcls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/**
 * The README's generated tables, the settings (from the settings catalogue) and the ACLs of each role
 * (from {@link RoleAcls}), must be exactly what the code gives. After changing either, write them
 * again with {@code -Dmeek.readme.update=true}.
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

    private static final String ACLS_START = "<!-- ACL table: generated from RoleAcls by ReadmeTest -->\n";
    private static final String ACLS_END = "<!-- end of ACL table -->\n";

    /** One row per role and resource, its operations together. */
    static String aclTable() {
        StringBuilder b = new StringBuilder(
                "| role (command) | permission | resource | pattern | name | operations |\n|---|---|---|---|---|---|\n");
        for (Map.Entry<RoleAcls.Role, List<AclBinding>> e :
                RoleAcls.all(TrackerConfig.defaults(), Map.of()).entrySet()) {
            Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
            for (AclBinding a : e.getValue()) {
                String row =
                        "| " + e.getKey().defaultUser() + " (`" + e.getKey().command() + "`) | "
                                + a.entry().permissionType().name().toLowerCase(Locale.ROOT) + " | "
                                + a.pattern().resourceType().name() + " | "
                                + a.pattern().patternType().name().toLowerCase(Locale.ROOT) + " | `"
                                + a.pattern().name() + "` | ";
                rows.computeIfAbsent(row, k -> new java.util.ArrayList<>())
                        .add(a.entry().operation().name());
            }
            rows.forEach(
                    (row, ops) -> b.append(row).append(String.join(", ", ops)).append(" |\n"));
        }
        return b.toString();
    }

    @Test
    void theConfigurationTableIsTheCatalogues() throws Exception {
        block(START, END, table());
    }

    @Test
    void theAclTableIsRoleAcls() throws Exception {
        block(ACLS_START, ACLS_END, aclTable());
    }

    private static void block(String startMarker, String endMarker, String expected) throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf(startMarker);
        int end = readme.indexOf(endMarker);
        assertThat(start).as("README has the markers %s", startMarker.trim()).isNotNegative();
        assertThat(end).isGreaterThan(start);
        String current = readme.substring(start + startMarker.length(), end);
        if (Boolean.getBoolean("meek.readme.update")) {
            Files.writeString(
                    README,
                    readme.substring(0, start + startMarker.length()) + expected + readme.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(current).isEqualTo(expected);
    }
}
