package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meektracker.core.serde.Json;
import org.junit.jupiter.api.Test;

class ScenarioCommandTest {

    @Test
    void csvHasExactlyTheDocumentedHeaderAndTheAnchors() {
        Cli r = Cli.run("scenario", "--format", "csv", "--years", "4", "--step", "0.5");
        assertThat(r.exitCode).isZero();
        String[] lines = r.out.strip().split("\n");
        assertThat(lines[0])
                .isEqualTo("t_years,compute_meek_flop,compute_frontier_flop,loss_meek,loss_frontier,loss_gap,"
                        + "mmlu_meek,mmlu_frontier,mmlu_gap_points,tokens_to_distinguish");
        assertThat(lines).hasSize(1 + 9);
        String[] first = lines[1].split(",");
        assertThat(Double.parseDouble(first[1])).isEqualTo(1e20);
        assertThat(Double.parseDouble(first[3])).isCloseTo(2.590, within(5e-4));
        assertThat(first[9]).isEqualTo("inf");
    }

    @Test
    void scenarioReadsTheSameConfigurationAsEveryOtherCommand() throws Exception {
        JsonNode fromSetting = Json.MAPPER.readTree(Cli.run(
                        "scenario",
                        "--format",
                        "json",
                        "--years",
                        "1",
                        "-D",
                        "meek.law.parameter.set=paper-text",
                        "-D",
                        "meek.threshold.nats=0.1")
                .out);
        assertThat(fromSetting.at("/summary/parameters/alpha").asDouble()).isEqualTo(0.155);
        assertThat(fromSetting.at("/summary/thresholdNats").asDouble()).isEqualTo(0.1);
        JsonNode optionWins = Json.MAPPER.readTree(Cli.run(
                        "scenario",
                        "--format",
                        "json",
                        "--years",
                        "1",
                        "-D",
                        "meek.law.parameter.set=paper-text",
                        "--alpha",
                        "0.16")
                .out);
        assertThat(optionWins.at("/summary/parameters/alpha").asDouble()).isEqualTo(0.16);
        Cli typo = Cli.run("scenario", "-D", "law.alpha=0.5");
        assertThat(typo.exitCode).isEqualTo(2);
        assertThat(typo.err).contains("law.alpha");
    }

    @Test
    void fromAReportTheScenarioIsTheProjectionWithCalendarDates(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var engine = new dev.meektracker.streams.engine.GapEngine(dev.meektracker.streams.engine.EngineSettings.from(
                dev.meektracker.core.config.TrackerConfig.defaults()));
        new dev.meektracker.producers.importer.Inputs(dev.meektracker.core.validate.EventValidator.systemDefault())
                .readSample()
                .events()
                .forEach(engine::upsert);
        engine.flush();
        java.nio.file.Path report = dir.resolve("report.json");
        Json.MAPPER.writeValue(report.toFile(), java.util.Map.of("fits", engine.fits(), "gaps", engine.gaps()));
        var projection = engine.gaps().stream()
                .filter(g -> g.id().equals("projection/budget-1000-usd"))
                .findFirst()
                .orElseThrow();

        Cli r = Cli.run(
                "scenario", "--from-report", report.toString(), "--format", "json", "--years", "40", "--step", "1");
        assertThat(r.exitCode).as(r.err).isZero();
        JsonNode root = Json.MAPPER.readTree(r.out);
        assertThat(root.at("/rows/0/loss_gap").asDouble())
                .isCloseTo(projection.value(), within(1e-6 * projection.value()));
        assertThat(root.at("/summary/anchorDate").asText())
                .isEqualTo(projection.asOf().toString());
        assertThat(root.at("/rows/1/date").asText())
                .isEqualTo(projection.asOf().plusDays(365).toString());
        Object convergence = projection.details().get("convergenceDate");
        if (convergence != null) {
            assertThat(java.time.LocalDate.parse(
                            root.at("/summary/convergenceDate").asText()))
                    .isBetween(
                            java.time.LocalDate.parse(convergence.toString()).minusDays(1),
                            java.time.LocalDate.parse(convergence.toString()).plusDays(1));
        }
        Cli csv = Cli.run("scenario", "--from-report", report.toString(), "--format", "csv", "--years", "1");
        assertThat(csv.out.lines().findFirst().orElseThrow()).endsWith(",tokens_to_distinguish,date");
    }

    @Test
    void inferenceColumnComesLastWhenAsked() {
        Cli r = Cli.run(
                "scenario",
                "--format",
                "csv",
                "--years",
                "1",
                "--inference-budget-per-token",
                "1e-8",
                "--inference-algorithmic-growth",
                "3.6");
        assertThat(r.out.lines().findFirst().orElseThrow()).endsWith(",tokens_to_distinguish,inference_loss_gap");
    }

    @Test
    void jsonSummaryCarriesTheAnalyticPeak() throws Exception {
        Cli r = Cli.run("scenario", "--format", "json", "--years", "20");
        JsonNode root = Json.MAPPER.readTree(r.out);
        assertThat(root.at("/summary/peakYears").asDouble()).isCloseTo(3.36, within(0.005));
        assertThat(root.at("/summary/peakLossGap").asDouble()).isCloseTo(0.212, within(5e-4));
        assertThat(root.at("/summary/yearsBelowThreshold").asDouble()).isGreaterThan(3.36);
        assertThat(root.at("/rows").size()).isEqualTo(41);
        assertThat(root.at("/rows/0/loss_gap").asDouble()).isZero();
    }

    /**
     * A frontier whose spending shrinks (g_i below 1, or a later growth below 1) ends up with less
     * compute than the meek model: ΔL turns negative. The command used to stop there with "the gap
     * must be non-negative and the slowdown positive"; the rows go on, and the summary says when the
     * meek model leads.
     */
    @Test
    void aShrinkingFrontierGivesNegativeGapsNotAFailure() throws Exception {
        Cli r = Cli.run(
                "scenario",
                "--format",
                "json",
                "--years",
                "6",
                "--spending-change-after",
                "2",
                "--spending-later-growth",
                "0.5");
        assertThat(r.exitCode).as(r.err).isZero();
        JsonNode root = Json.MAPPER.readTree(r.out);
        double leads = root.at("/summary/meekLeadsFromYears").asDouble();
        assertThat(leads).isBetween(2.0, 6.0);
        for (JsonNode row : root.at("/rows")) {
            double t = row.get("t_years").asDouble();
            double gap = row.get("loss_gap").asDouble();
            assertThat(gap < 0).as("t = %s", t).isEqualTo(t >= leads);
            if (gap != 0) {
                assertThat(row.get("tokens_to_distinguish").asDouble())
                        .isCloseTo(
                                dev.meektracker.core.model.Distinguishability.CONSTANT / Math.abs(gap), within(1e-6));
            }
        }
        Cli table = Cli.run("scenario", "--years", "2", "--investment-growth", "0.5");
        assertThat(table.exitCode).as(table.err).isZero();
        assertThat(table.out).contains("note: from t = 0.500 years the frontier's compute is below the meek model's");
        assertThat(Json.MAPPER
                        .readTree(Cli.run("scenario", "--format", "json", "--years", "2").out)
                        .at("/summary/meekLeadsFromYears")
                        .isNull())
                .isTrue();
    }

    @Test
    void besirogluReductionIsSelectable() throws Exception {
        Cli r = Cli.run("scenario", "--format", "json", "--parameter-set", "besiroglu", "--years", "1");
        assertThat(Json.MAPPER.readTree(r.out).at("/summary/parameters/alpha").asDouble())
                .isCloseTo(0.178, within(5e-4));
    }

    @Test
    void tableIsForPeople() {
        Cli r = Cli.run("scenario", "--years", "2", "--step", "1");
        assertThat(r.exitCode).isZero();
        assertThat(r.out).contains("(FLOP)", "(nats)", "peak: ΔL = 0.2118 nats/token at t = 3.359 years (analytic)");
    }

    @Test
    void badOptionsGetAClearMessageAndANonZeroExit() {
        Cli negative = Cli.run("scenario", "--alpha", "-1");
        assertThat(negative.exitCode).isNotZero();
        assertThat(negative.err).contains("alpha must be a finite positive exponent");
        Cli notANumber = Cli.run("scenario", "--budget-usd", "lots");
        assertThat(notANumber.exitCode).isNotZero();
        assertThat(notANumber.err).contains("--budget-usd");
        Cli format = Cli.run("scenario", "--format", "xml");
        assertThat(format.exitCode).isNotZero();
        assertThat(format.err).contains("--format");
        Cli steps = Cli.run("scenario", "--steps-p", "0");
        assertThat(steps.exitCode).isNotZero();
        assertThat(steps.err).contains("--steps-p");
        // A million rows ran the one-shot heap out of memory; the cap is said before any is computed.
        Cli tooMany = Cli.run("scenario", "--years", "1000", "--step", "0.001");
        assertThat(tooMany.exitCode).isEqualTo(2);
        assertThat(tooMany.err).startsWith("--years and --step must be positive, with at most 100000 steps");
        Cli notAReport = Cli.run("scenario", "--from-report", "pom.xml");
        assertThat(notAReport.exitCode).isEqualTo(2);
        assertThat(notAReport.err)
                .startsWith("meek-tracker: cannot read the report pom.xml: not valid JSON at line 1, column 1")
                .doesNotContain("Source")
                .doesNotContain("\n at ");
    }
}
