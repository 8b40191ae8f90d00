package dev.meektracker.producers.importer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RejectionTest {

    /** Rows are counted by reason with their own values left out, but a number inside a name stays. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "not valid UTF-8 text|row: not valid UTF-8 text",
                "-5 FLOP is outside the plausible range 1 to 1e30 FLOP"
                        + "|row: N FLOP is outside the plausible range N to N FLOP",
                "must be positive, not -1 parameters|row: must be positive, not N parameters",
                "field 'releaseDate': got '2024-02-30'|row: field '…': got '…'",
                "not valid JSON at line 1, column 36|row: not valid JSON at line N, column N",
                "ResNeXt-101 at x86-64|row: ResNeXt-101 at x86-64"
            })
    void categoryLeavesOutValuesOnly(String reason, String category) {
        assertThat(new Rejection("f.csv", 7, "row", reason).category()).isEqualTo(category);
    }

    /** A cell quoted in a reason is printed on a terminal: an ESC sequence in it is shown, not obeyed. */
    @org.junit.jupiter.api.Test
    void controlCharactersAreShownNotObeyed() {
        Rejection r =
                new Rejection("esc.csv", 2, "Training compute (FLOP)", "'\u001B[2J\u001B[31mEVIL' is not a number");
        assertThat(r.toString())
                .isEqualTo("esc.csv:2: Training compute (FLOP): '\\u001B[2J\\u001B[31mEVIL' is not a number")
                .doesNotContain("\u001B");
    }
}
