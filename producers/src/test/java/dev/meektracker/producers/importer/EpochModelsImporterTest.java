package dev.meektracker.producers.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.validate.EventValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One published row per id, whichever order the topology later sees the rows in. */
class EpochModelsImporterTest {

    private static final String HEADER =
            "Model,Organization,Publication date,Model accessibility,Training compute (FLOP),Training dataset size (total)\n";

    @TempDir
    Path dir;

    private final EventValidator validator =
            new EventValidator(Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC), Duration.ofDays(2));

    private ImportResult read(String rows) throws Exception {
        Path file = dir.resolve("models.csv");
        Files.writeString(file, HEADER + rows);
        return new EpochModelsImporter(validator).read(file);
    }

    @Test
    void theLaterRowOfAnIdIsPublishedAndTheOtherReported() throws Exception {
        // One model listed twice, its maker spelt two ways (all_ai_models.csv lists Granite 3.2 2B so).
        ImportResult r = read("""
                Granite 3.2 2B ,IBM,2025-02-26,Open weights (unrestricted),
                Other,Lab,2024-01-01,API access,1e24
                Granite 3.2 2B,IBM Research,2025-02-26,Open weights (unrestricted),
                """);
        assertThat(r.eventsOf(ModelRelease.class))
                .extracting(ModelRelease::id, ModelRelease::organization)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("granite-3-2-2b", "IBM Research"),
                        org.assertj.core.groups.Tuple.tuple("other", "Lab"));
        assertThat(r.superseded()).isEqualTo(1);
        assertThat(r.notes()).isEmpty();
        assertThat(r.supersededRows()).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(2);
            assertThat(x.field()).isEqualTo("id");
            assertThat(x.reason())
                    .isEqualTo("'granite-3-2-2b' is also the id of line 4 ('Granite 3.2 2B'), which is published"
                            + " instead of this row ('Granite 3.2 2B'): it is the later row");
        });
        // Grouped by reason with the names and lines left out, like rejections.
        assertThat(r.supersededByReason())
                .containsExactly(Map.entry(
                        "id: '…' is also the id of line N ('…'), which is published instead of this row ('…'):"
                                + " it is the later row",
                        1L));
    }

    @Test
    void twoModelsOfDifferentMakersWithOneIdAreBothPublishedTheEarlierQualified() throws Exception {
        String amazon = "Nova 2,Amazon Web Services (AWS),2025-12-02,API access,\n";
        String deepgram = "Nova-2,Deepgram,2023-09-19,Unreleased,\n";
        // Whatever the order of the rows, the later release keeps the name's id.
        for (String rows : List.of(amazon + deepgram, deepgram + amazon)) {
            ImportResult r = read(rows);
            assertThat(r.eventsOf(ModelRelease.class))
                    .extracting(ModelRelease::id, ModelRelease::name, ModelRelease::organization)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("nova-2", "Nova 2", "Amazon Web Services (AWS)"),
                            org.assertj.core.groups.Tuple.tuple("nova-2-deepgram", "Nova-2", "Deepgram"));
            assertThat(r.superseded()).isZero();
            int amazonLine = rows.startsWith("Nova 2") ? 2 : 3;
            int deepgramLine = 5 - amazonLine;
            assertThat(r.notes()).singleElement().satisfies(n -> {
                assertThat(n.line()).isEqualTo(deepgramLine);
                assertThat(n.field()).isEqualTo("id");
                assertThat(n.reason())
                        .isEqualTo("'nova-2' is also the id of line " + amazonLine
                                + " ('Nova 2' by 'Amazon Web Services (AWS)', released later), a distinct model: this"
                                + " row ('Nova-2' by 'Deepgram') is published as 'nova-2-deepgram'");
                assertThat(n.category())
                        .isEqualTo("id: '…' is also the id of line N ('…' by '…', released later), a distinct model:"
                                + " this row ('…' by '…') is published as '…'");
            });
        }
    }

    @Test
    void twoMakersModelsOfOneDayKeepTheFirstRowsId() throws Exception {
        ImportResult r = read("""
                Atlas,Lab One,2024-05-01,API access,
                ATLAS,Lab Two,2024-05-01,Unreleased,
                """);
        assertThat(r.eventsOf(ModelRelease.class))
                .extracting(ModelRelease::id, ModelRelease::organization)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("atlas", "Lab One"),
                        org.assertj.core.groups.Tuple.tuple("atlas-lab-two", "Lab Two"));
        assertThat(r.notes())
                .singleElement()
                .satisfies(n -> assertThat(n.reason())
                        .isEqualTo(
                                "'atlas' is also the id of line 2 ('Atlas' by 'Lab One', released the same day and listed"
                                        + " first), a distinct model: this row ('ATLAS' by 'Lab Two') is published as"
                                        + " 'atlas-lab-two'"));
    }

    @Test
    void aPublicationDateOutsideTheCalendarSaysWhy() throws Exception {
        ImportResult r = read("""
                A,Lab,2023-02-29,API access,
                B,Lab,May 2024,API access,
                C,Lab,2024-04-31T00:00:00,API access,
                """);
        assertThat(r.rejections())
                .extracting(Rejection::toString)
                .containsExactly(
                        "models.csv:2: Publication date: '2023-02-29' is not a date: February 2023 has 28 days",
                        "models.csv:3: Publication date: 'May 2024' is not an ISO date (YYYY-MM-DD)",
                        "models.csv:4: Publication date: '2024-04-31T00:00:00' is not a date: April 2024 has 30 days");
    }

    @Test
    void aDuplicateOfTheQualifiedModelIsSupersededNotPublishedTwice() throws Exception {
        ImportResult r = read("""
                CaLM,University of Oxford,2022-12-19,Open weights (unrestricted),2.9e+19
                CALM,"NVIDIA,Technion - Israel Institute of Technology",2023-08-06,Unreleased,
                CaLM ,University of Oxford,2022-12-19,Open weights (unrestricted),
                """);
        assertThat(r.eventsOf(ModelRelease.class))
                .extracting(ModelRelease::id, ModelRelease::organization, ModelRelease::trainingComputeFlop)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "calm", "NVIDIA,Technion - Israel Institute of Technology", null),
                        org.assertj.core.groups.Tuple.tuple(
                                "calm-university-of-oxford", "University of Oxford", 2.9e19));
        assertThat(r.notes())
                .singleElement()
                .satisfies(n -> assertThat(n.line()).isEqualTo(2));
        assertThat(r.supersededRows()).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(4);
            assertThat(x.reason()).endsWith("it states the training compute");
        });
    }

    @Test
    void aBlankOrganizationNeverMakesTwoModels() throws Exception {
        // The same model with and without its maker (Llama SEA-LION V2 8B in all_ai_models.csv).
        ImportResult r = read("""
                Llama-SEA-LION-v2-8B,,2024-07-31,Open weights (unrestricted),8.75e+21
                Llama SEA-LION V2 8B,AI Singapore,2024-07-30,Open weights (unrestricted),7.23e+23
                """);
        assertThat(r.eventsOf(ModelRelease.class)).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("llama-sea-lion-v2-8b");
            assertThat(m.organization()).isEqualTo("AI Singapore");
        });
        assertThat(r.superseded()).isEqualTo(1);
    }

    @Test
    void aRowStatingTheComputeWinsOverALaterOneWithout() throws Exception {
        ImportResult r = read("""
                Qwen2.5-VL-7B ,Alibaba,2025-02-19,Open weights (unrestricted),9.9408e+23
                Qwen2.5-VL-7B,Alibaba,2025-01-26,Open weights (unrestricted),
                """);
        assertThat(r.eventsOf(ModelRelease.class)).singleElement().satisfies(m -> {
            assertThat(m.trainingComputeFlop()).isEqualTo(9.9408e23);
            assertThat(m.releaseDate()).hasToString("2025-02-19");
        });
        assertThat(r.supersededRows()).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(3);
            assertThat(x.reason()).endsWith("it states the training compute");
        });
    }

    @Test
    void distinctModelsThatOnlyPunctuationOrScriptTellApartAreBothPublished() throws Exception {
        ImportResult r = read("""
                Command R+,Cohere,2024-04-04,Open weights (non-commercial),
                Command R,Cohere,2024-03-11,Open weights (non-commercial),
                PanGu-Σ,Huawei,2023-03-20,Unreleased,4.67e+23
                PanGu-α,Huawei,2021-04-25,Unreleased,5.112e+22
                """);
        assertThat(r.eventsOf(ModelRelease.class))
                .extracting(ModelRelease::id)
                .containsExactly("command-r-plus", "command-r", "pangu-s", "pangu-a");
        assertThat(r.superseded()).isZero();
    }

    @Test
    void aCommaGroupsThousandsOrListsValues() throws Exception {
        ImportResult r = read("""
                Grouped,Lab,2024-01-01,API access,"1,000,000,000,000,000,000,000","12,000,800"
                Repeated,Lab,2024-01-01,API access,1e24,"929000,929000"
                Different,Lab,2024-01-01,API access,1e24,"12000,800"
                Decimal comma,Lab,2024-01-01,API access,1e24,"1,5"
                """);
        Map<String, ModelRelease> byId = new java.util.HashMap<>();
        r.eventsOf(ModelRelease.class).forEach(m -> byId.put(m.id(), m));
        assertThat(byId.get("grouped").trainingComputeFlop()).isEqualTo(1e21);
        assertThat(byId.get("grouped").trainingTokens()).isEqualTo(12_000_800.0);
        // Epoch's export joins two source columns: the value once, not 929,000,929,000.
        assertThat(byId.get("repeated").trainingTokens()).isEqualTo(929_000.0);
        assertThat(byId.get("different").trainingTokens()).isNull();
        assertThat(byId.get("decimal-comma").trainingTokens()).isNull();
        assertThat(r.notes())
                .extracting(Rejection::line, Rejection::field, Rejection::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                4L,
                                "Training dataset size (total)",
                                "'12000,800' lists different values: none is taken, the field is left blank"),
                        org.assertj.core.groups.Tuple.tuple(
                                5L,
                                "Training dataset size (total)",
                                "'1,5' lists different values: none is taken, the field is left blank"));
        assertThat(r.rejections()).isEmpty();
    }

    @Test
    void onlyDecimalNumbersAreNumbers() throws Exception {
        ImportResult r = read("""
                Hex,Lab,2024-01-01,API access,0x10,
                Suffix,Lab,2024-01-01,API access,1e24d,
                Word,Lab,2024-01-01,API access,NaN,
                Plain,Lab,2024-01-01,API access,+2.5E+24,
                """);
        assertThat(r.eventsOf(ModelRelease.class))
                .singleElement()
                .satisfies(m -> assertThat(m.trainingComputeFlop()).isEqualTo(2.5e24));
        assertThat(r.rejections())
                .extracting(Rejection::reason)
                .containsExactly("'0x10' is not a number", "'1e24d' is not a number", "'NaN' is not a number");
    }

    @Test
    void anAccessibilityEpochDoesNotUseIsNotedUnlessTheYesNoColumnDecides() throws Exception {
        Path file = dir.resolve("access.csv");
        Files.writeString(file, """
                Model,Publication date,Model accessibility,Open model weights?
                New kind,2024-01-01,Open weights (research only),
                Decided,2024-01-01,Open weights (research only),Yes
                """);
        ImportResult r = new EpochModelsImporter(validator).read(file);
        assertThat(r.eventsOf(ModelRelease.class))
                .extracting(ModelRelease::id, ModelRelease::weights)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("new-kind", dev.meektracker.core.event.Weights.UNKNOWN),
                        org.assertj.core.groups.Tuple.tuple("decided", dev.meektracker.core.event.Weights.OPEN));
        assertThat(r.notes()).singleElement().satisfies(n -> {
            assertThat(n.line()).isEqualTo(2);
            assertThat(n.reason()).startsWith("'Open weights (research only)' is none of Epoch's known values");
        });
    }

    @Test
    void aNameWithNoLetterOrDigitIsRejectedAsSuch() throws Exception {
        ImportResult r = read("""
                ???,Lab,2024-01-01,API access,1e24
                😀,Lab,2024-01-01,API access,1e24
                """);
        assertThat(r.eventsOf(ModelRelease.class)).isEmpty();
        assertThat(r.rejections())
                .extracting(Rejection::toString)
                .containsExactly(
                        "models.csv:2: Model: '???' has no letter or digit to make an id from",
                        "models.csv:3: Model: '😀' has no letter or digit to make an id from");
    }

    /**
     * A comma left unquoted inside a cell shifts every later value one column on: the row is
     * rejected, naming the stray cell. Missing trailing cells are blanks, and blank cells past the
     * header are harmless.
     */
    @Test
    void aRowWithMoreValuesThanColumnsIsRejected() throws Exception {
        ImportResult r = read("""
                Shifted,Lab, Inc.,2024-01-01,API access,1e24,5e12
                Short,Lab,2024-02-01,API access
                Trailing,Lab,2024-03-01,API access,2e24,,,
                """);
        assertThat(r.rejections()).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(2);
            assertThat(x.field()).isEqualTo("row");
            assertThat(x.reason())
                    .isEqualTo("has 7 cells where the header has 6 columns: a comma inside a cell is not quoted,"
                            + " which shifts the values after it (cell 7: '5e12')");
        });
        assertThat(r.eventsOf(ModelRelease.class))
                .extracting(ModelRelease::id, ModelRelease::trainingComputeFlop)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("short", null),
                        org.assertj.core.groups.Tuple.tuple("trailing", 2e24));
        assertThat(r.rows()).isEqualTo(3);
    }

    /** The hub's name for the date column is read too: a models export may follow it. */
    @Test
    void aReleaseDateColumnServesAsThePublicationDate() throws Exception {
        Path file = dir.resolve("renamed.csv");
        Files.writeString(file, """
                Model,Organization,Release date,Model accessibility,Training compute (FLOP)
                Renamed,Lab,2024-05-01,Open weights (unrestricted),3e24
                Undated,Lab,,API access,
                """);
        ImportResult r = new EpochModelsImporter(validator).read(file);
        assertThat(r.eventsOf(ModelRelease.class))
                .singleElement()
                .satisfies(m -> assertThat(m.releaseDate()).hasToString("2024-05-01"));
        assertThat(r.skipped()).hasSize(1);
    }
}
