package dev.meektracker.consumers.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meektracker.core.event.OutputIds;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule files that are not what they should be fail on load, naming the rule and what is wrong, in words. */
class AlertRulesTest {

    @TempDir
    Path dir;

    private Path yaml(String rules) throws Exception {
        Path f = dir.resolve("rules.yaml");
        Files.writeString(f, rules);
        return f;
    }

    private static String rule(String gap, String summary) {
        return "rules:\n  - id: r\n    gap: " + gap + "\n    comparison: below\n    fire: 1\n    summary: \"" + summary
                + "\"\n";
    }

    @Test
    void theDefaultsLoadAndEveryDefaultPatternMatchesAPublishedGap() {
        assertThat(AlertRules.defaults())
                .isNotEmpty()
                .allSatisfy(
                        r -> assertThat(OutputIds.gapPatternCanMatch(r.gap())).isTrue());
    }

    @Test
    void gapPatternsThatNoPublishedGapCouldMatchAreRefused() throws Exception {
        assertThat(AlertRules.load(yaml(rule("benchmark/*/open-vs-closed", "{gap}"))))
                .hasSize(1);
        assertThat(AlertRules.load(yaml(rule("projection/*", "{gap}")))).hasSize(1);
        assertThat(AlertRules.load(yaml(rule("projection/budget-*-usd", "{gap}"))))
                .hasSize(1);
        assertThatThrownBy(() -> AlertRules.load(yaml(rule("benchmark/ECI/open-vs-closed", "{gap}"))))
                .hasMessageContaining("rule 1 (r)")
                .hasMessageContaining("matches no gap")
                .hasMessageContaining("benchmark/<id>/open-vs-closed");
        assertThatThrownBy(() -> AlertRules.load(yaml(rule("compute/open-vs-closed/x", "{gap}"))))
                .hasMessageContaining("matches no gap");
        assertThatThrownBy(() -> AlertRules.load(yaml(rule("gaps/*", "{gap}")))).hasMessageContaining("matches no gap");
    }

    @Test
    void unknownPlaceholdersAreRefused() throws Exception {
        assertThat(AlertRules.load(yaml(rule("compute/open-vs-closed", "{value} {details.openLeader} {asOf}"))))
                .hasSize(1);
        assertThatThrownBy(() -> AlertRules.load(yaml(rule("compute/open-vs-closed", "at {valeu}"))))
                .hasMessageContaining("{valeu}")
                .hasMessageContaining("summary");
    }

    @Test
    void aFileNotShapedAsDocumentedSaysWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> AlertRules.load(yaml("- id: r\n"))).hasMessageContaining("top-level 'rules' list");
        assertThatThrownBy(() -> AlertRules.load(yaml("rules: []\n"))).hasMessageContaining("non-empty list");
        assertThatThrownBy(() -> AlertRules.load(
                        yaml("rules:\n  - id: r\n    gap: compute/open-vs-closed\n    comparison: below\n"
                                + "    fire: 1\n    threshold: 2\n")))
                .hasMessageContaining("unknown key 'threshold'");
        assertThatThrownBy(() -> AlertRules.load(
                        yaml("rules:\n  - id: r\n    gap: compute/open-vs-closed\n    comparison: below\n"
                                + "    fire: low\n")))
                .hasMessageContaining("'fire' must be a number")
                .hasMessageNotContaining("dev.meektracker");
        assertThatThrownBy(() -> AlertRules.load(
                        yaml("rules:\n  - id: r\n    gap: compute/open-vs-closed\n    comparison: below\n")))
                .hasMessageContaining("'fire'")
                .hasMessageContaining("required");
        assertThatThrownBy(() -> AlertRules.load(yaml("rules:\n  - just a string\n")))
                .hasMessageContaining("expected a mapping");
        assertThatThrownBy(() -> AlertRules.load(yaml("rules: [\n")))
                .hasMessageContaining("rules.yaml")
                .hasMessageContaining(
                        "not valid YAML at line 2, column 1: while parsing a flow node: expected the node content")
                .hasMessageNotContaining("JSON");
        assertThatThrownBy(() -> AlertRules.load(dir))
                .hasMessage("alert rules in " + dir + ": it is a directory, not a rules file");
    }

    @Test
    void aKeyGivenTwiceIsRefusedNotTheLaterOneTaken() throws Exception {
        // The reader kept the later 'fire: 5', silently; the writer may have meant either.
        String twice = rule("compute/open-vs-closed", "{gap}") + "    fire: 5\n";
        assertThatThrownBy(() -> AlertRules.load(yaml(twice)))
                .hasMessage("alert rules in " + dir.resolve("rules.yaml")
                        + ": not valid YAML at line 7, column 9: 'fire' is given twice in one object");
        // A tab for indentation: what was found, where it is, not only "while scanning for the next token".
        assertThatThrownBy(() -> AlertRules.load(yaml("rules:\n\t- id: r\n")))
                .hasMessageEndingWith("not valid YAML at line 2, column 1: while scanning for the next token: found"
                        + " character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)");
    }
}
