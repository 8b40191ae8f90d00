package dev.meektracker.launcher;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.model.BenchmarkMapping;
import dev.meektracker.core.model.ChinchillaLaw;
import dev.meektracker.core.model.ComputeLaw;
import dev.meektracker.core.model.Distinguishability;
import dev.meektracker.core.model.GapScenario;
import dev.meektracker.core.model.InferenceGap;
import dev.meektracker.core.model.PaperDefaults;
import dev.meektracker.core.model.SpendingSchedule;
import dev.meektracker.core.serde.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "scenario",
        header = "Print the paper's gap model over time (compute, loss, loss gap, MMLU gap, tokens).",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Print the paper's gap model over time: compute, loss and the loss gap between a meek and a frontier model,",
            "the MMLU-equivalent gap, the tokens needed to tell them apart, and optionally the inference gap.",
            "The law, the threshold and g_alg come from the configuration (--config, MEEK_* variables, -D), as in every other command;",
            "the other defaults are the paper's (docs/MODEL.md)."
        })
final class ScenarioCommand implements Callable<Integer> {

    static final String CSV_HEADER = "t_years,compute_meek_flop,compute_frontier_flop,loss_meek,loss_frontier,loss_gap,"
            + "mmlu_meek,mmlu_frontier,mmlu_gap_points,tokens_to_distinguish";

    enum Format {
        table,
        csv,
        json
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Option(
            names = "--alpha",
            description =
                    "Exponent α of L(C) = A·C^-α + E (default: the configured law, meek.law.parameter.set: the paper's 0.154; its text quotes 0.155).")
    Double alpha;

    @Option(names = "--coefficient", description = "A in L(C) (default: the configured law, the paper's 1070).")
    Double coefficient;

    @Option(
            names = "--irreducible",
            description = "E, the irreducible loss in nats/token (default: the configured law, the paper's 1.7).")
    Double irreducible;

    @Option(
            names = "--parameter-set",
            paramLabel = "hoffmann|besiroglu",
            description =
                    "Use the compute-optimal reduction of a Chinchilla parameter set instead of --alpha/--coefficient/--irreducible.")
    String parameterSet;

    @Option(
            names = "--budget-usd",
            defaultValue = "" + PaperDefaults.MEEK_BUDGET_USD,
            description = "Meek budget B0 in USD (default ${DEFAULT-VALUE}).")
    double budgetUsd;

    @Option(
            names = "--frontier-budget-usd",
            description = "Frontier budget at t = 0 in USD (default: the same as --budget-usd).")
    Double frontierBudgetUsd;

    @Option(
            names = "--flop-per-dollar",
            defaultValue = "" + PaperDefaults.FLOP_PER_DOLLAR,
            description = "F, FLOP per USD at t = 0 (default ${DEFAULT-VALUE}).")
    double flopPerDollar;

    @Option(
            names = "--hardware-growth",
            defaultValue = "" + PaperDefaults.HARDWARE_GROWTH,
            description = "g_h, FLOP per USD growth per year (default ${DEFAULT-VALUE}).")
    double hardwareGrowth;

    @Option(
            names = "--algorithmic-growth",
            description = "g_alg, algorithmic progress per year (default: meek.algorithmic.growth, the paper's 2.8).")
    Double algorithmicGrowthOption;

    @Option(
            names = "--investment-growth",
            defaultValue = "" + PaperDefaults.INVESTMENT_GROWTH,
            description = "g_i, frontier spending growth per year (default 5/1.4).")
    double investmentGrowth;

    @Option(
            names = "--spending-change-after",
            paramLabel = "YEARS",
            description = "Year T after which frontier spending growth changes.")
    Double changeAfter;

    @Option(
            names = "--spending-later-growth",
            paramLabel = "G",
            defaultValue = "1",
            description = "Spending growth per year after T (default ${DEFAULT-VALUE}: spending stops growing).")
    double laterGrowth;

    @Option(names = "--years", defaultValue = "10", description = "Horizon in years (default ${DEFAULT-VALUE}).")
    double years;

    @Option(names = "--step", defaultValue = "0.5", description = "Step in years (default ${DEFAULT-VALUE}).")
    double step;

    @Option(
            names = "--steps-p",
            defaultValue = "1",
            description = "Consecutive steps p of the benchmark task: MMLU^p (default ${DEFAULT-VALUE}).")
    int stepsP;

    @Option(
            names = "--threshold",
            description =
                    "Loss gap in nats/token below which the gap counts as closed (default: meek.threshold.nats, the paper's 0.05).")
    Double thresholdOption;

    @Option(
            names = "--inference-budget-per-token",
            paramLabel = "USD",
            description = "Adds the inference gap: budget per token, e.g. 1e-8.")
    Double inferenceBudget;

    @Option(
            names = "--inference-growth",
            defaultValue = "" + PaperDefaults.INFERENCE_GROWTH,
            description = "g_inf, fall of inference prices per year (default ${DEFAULT-VALUE}).")
    double inferenceGrowth;

    @Option(
            names = "--inference-algorithmic-growth",
            description = "g_alg for the inference gap (default: --algorithmic-growth; the authors drew it with 3.6).")
    Double inferenceAlgorithmicGrowth;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(
            names = "--from-report",
            paramLabel = "FILE",
            description =
                    "Start from the tracker's current fits in a report (demo --once --report FILE): t = 0 is the report's "
                            + "date, the frontier budget, FLOP per USD and the growth rates are the fits', algorithmic progress follows "
                            + "meek.algorithmic.source; options given explicitly still win. Rows then carry calendar dates.")
    Path fromReport;

    static final int MAX_STEPS = 100_000;

    @Override
    public Integer call() {
        TrackerConfig settings = config.load(Map.of());
        double threshold = thresholdOption != null ? thresholdOption : settings.number(Settings.THRESHOLD_NATS);
        double algorithmicGrowth = algorithmicGrowthOption != null
                ? algorithmicGrowthOption
                : settings.number(Settings.ALGORITHMIC_GROWTH);
        ComputeLaw configured = settings.law();
        // Every row is kept until printed (the summary comes first): a million of them ran the one-shot
        // commands' 384 MB heap out of memory; 100,000 is a row a day for 270 years.
        if (!(step > 0) || !(years > 0) || years / step > MAX_STEPS) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--years and --step must be positive, with at most " + MAX_STEPS + " steps (--years / --step)");
        }
        if (stepsP < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--steps-p must be at least 1");
        }
        if (!(threshold > 0)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--threshold must be a positive loss gap in nats/token");
        }
        ComputeLaw law = parameterSet != null
                ? ChinchillaLaw.named(parameterSet).reduce()
                : new ComputeLaw(
                        coefficient != null ? coefficient : configured.coefficient(),
                        alpha != null ? alpha : configured.alpha(),
                        irreducible != null ? irreducible : configured.irreducible());
        ReportAnchor anchor = fromReport == null ? null : ReportAnchor.read(fromReport);
        if (anchor != null) {
            CommandLine.ParseResult given = spec.commandLine().getParseResult();
            if (!given.hasMatchedOption("--flop-per-dollar")) {
                flopPerDollar = anchor.flopPerDollar();
            }
            if (!given.hasMatchedOption("--hardware-growth")) {
                hardwareGrowth = anchor.hardwareGrowth();
            }
            if (!given.hasMatchedOption("--investment-growth")) {
                investmentGrowth = anchor.frontierGrowth() / hardwareGrowth;
            }
            if (!given.hasMatchedOption("--frontier-budget-usd")) {
                frontierBudgetUsd = anchor.frontierComputeFlop() / flopPerDollar;
            }
            if (algorithmicGrowthOption == null
                    && settings.string(Settings.ALGORITHMIC_SOURCE).equalsIgnoreCase("fitted")
                    && anchor.fittedAlgorithmicGrowth() != null) {
                algorithmicGrowth = anchor.fittedAlgorithmicGrowth();
            }
        }
        SpendingSchedule spending = changeAfter == null
                ? SpendingSchedule.exponential(investmentGrowth)
                : SpendingSchedule.slowsAfter(investmentGrowth, changeAfter, laterGrowth);
        GapScenario s = new GapScenario(
                law,
                budgetUsd,
                frontierBudgetUsd == null ? budgetUsd : frontierBudgetUsd,
                flopPerDollar,
                hardwareGrowth,
                algorithmicGrowth,
                spending);
        InferenceGap inference = inferenceBudget == null
                ? null
                : new InferenceGap(
                        inferenceBudget,
                        inferenceGrowth,
                        inferenceAlgorithmicGrowth == null ? algorithmicGrowth : inferenceAlgorithmicGrowth);

        List<Map<String, Double>> rows = new ArrayList<>();
        Double meekLeadsFrom = null;
        BenchmarkMapping mmlu = BenchmarkMapping.MMLU;
        long n = Math.round(years / step);
        for (long i = 0; i <= n; i++) {
            double t = i * step;
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("t_years", t);
            row.put("compute_meek_flop", s.meekCompute(t));
            row.put("compute_frontier_flop", s.frontierCompute(t));
            row.put("loss_meek", s.meekLoss(t));
            row.put("loss_frontier", s.frontierLoss(t));
            row.put("loss_gap", s.lossGap(t));
            row.put("mmlu_meek", 100 * mmlu.accuracy(s.meekLoss(t), stepsP));
            row.put("mmlu_frontier", 100 * mmlu.accuracy(s.frontierLoss(t), stepsP));
            row.put("mmlu_gap_points", mmlu.gapPoints(s.meekLoss(t), s.frontierLoss(t), stepsP));
            // Telling two models apart needs as many tokens whichever of the two leads: a frontier whose
            // spending shrinks below the meek budget (g_i < 1, a later growth < 1, a smaller frontier
            // budget) trails it, ΔL turns negative, and the test's size depends on |ΔL|.
            row.put("tokens_to_distinguish", Distinguishability.tokens(Math.abs(s.lossGap(t)), 1));
            if (s.lossGap(t) < 0 && meekLeadsFrom == null) {
                meekLeadsFrom = t;
            }
            if (inference != null) {
                row.put("inference_loss_gap", inference.lossGap(s, t));
            }
            rows.add(row);
        }
        PrintWriter out = spec.commandLine().getOut();
        double peak = s.peakYears();
        OptionalDouble analytic = s.analyticPeakYears();
        OptionalDouble below = s.yearsBelowThreshold(threshold);
        switch (format) {
            case csv -> {
                out.println(CSV_HEADER
                        + (inference != null ? ",inference_loss_gap" : "")
                        + (anchor != null ? ",date" : ""));
                for (Map<String, Double> row : rows) {
                    out.println(String.join(
                                    ",",
                                    row.values().stream()
                                            .map(ScenarioCommand::csv)
                                            .toList())
                            + (anchor != null ? "," + anchor.at(row.get("t_years")) : ""));
                }
            }
            case json -> {
                ObjectNode root = Json.MAPPER.createObjectNode();
                ObjectNode summary = root.putObject("summary");
                summary.put("peakYears", analytic.isPresent() ? analytic.getAsDouble() : peak);
                summary.put("peakLossGap", s.lossGap(analytic.isPresent() ? analytic.getAsDouble() : peak));
                summary.put("peakMethod", analytic.isPresent() ? "analytic" : "numeric");
                summary.put("numericPeakYears", peak);
                if (anchor != null) {
                    summary.put("anchorDate", anchor.date().toString());
                    summary.put(
                            "peakDate",
                            anchor.at(analytic.isPresent() ? analytic.getAsDouble() : peak)
                                    .toString());
                    summary.put(
                            "convergenceDate",
                            below.isPresent() ? anchor.at(below.getAsDouble()).toString() : null);
                }
                if (below.isPresent()) {
                    summary.put("yearsBelowThreshold", below.getAsDouble());
                } else {
                    summary.putNull("yearsBelowThreshold");
                }
                if (meekLeadsFrom != null) {
                    summary.put("meekLeadsFromYears", meekLeadsFrom);
                } else {
                    summary.putNull("meekLeadsFromYears");
                }
                summary.put("thresholdNats", threshold);
                summary.put("lossUnit", "nats/token");
                summary.put("computeUnit", "FLOP");
                ObjectNode params = summary.putObject("parameters");
                params.put("coefficient", law.coefficient());
                params.put("alpha", law.alpha());
                params.put("irreducible", law.irreducible());
                params.put("budgetUsd", s.meekBudgetUsd());
                params.put("frontierBudgetUsd", s.frontierBudgetUsd());
                params.put("flopPerDollar", flopPerDollar);
                params.put("hardwareGrowth", hardwareGrowth);
                params.put("algorithmicGrowth", algorithmicGrowth);
                params.put("investmentGrowth", investmentGrowth);
                params.put("stepsP", stepsP);
                ArrayNode array = root.putArray("rows");
                for (Map<String, Double> row : rows) {
                    ObjectNode r = array.addObject();
                    row.forEach((k, v) -> {
                        if (Double.isFinite(v)) {
                            r.put(k, v);
                        } else {
                            r.putNull(k);
                        }
                    });
                    if (anchor != null) {
                        r.put("date", anchor.at(row.get("t_years")).toString());
                    }
                }
                try {
                    out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            case table -> {
                out.printf(
                        Locale.ROOT,
                        "L(C) = %.6g·C^-%.4g + %.4g nats/token; meek $%,.0f, frontier $%,.0f at t=0; F=%.3g FLOP/$; "
                                + "g_h=%.3g, g_alg=%.3g, g_i=%.4g per year%n",
                        law.coefficient(),
                        law.alpha(),
                        law.irreducible(),
                        s.meekBudgetUsd(),
                        s.frontierBudgetUsd(),
                        flopPerDollar,
                        hardwareGrowth,
                        algorithmicGrowth,
                        investmentGrowth);
                out.printf(
                        Locale.ROOT,
                        "%8s %12s %12s %10s %10s %10s %9s %9s %9s %12s%s%n",
                        "t (yr)",
                        "C meek",
                        "C frontier",
                        "L meek",
                        "L front.",
                        "ΔL",
                        "MMLU m.",
                        "MMLU f.",
                        "gap pts",
                        "tokens",
                        inference != null ? "   infer. ΔL" : "");
                out.printf(
                        Locale.ROOT,
                        "%8s %12s %12s %10s %10s %10s %9s %9s %9s %12s%s%n",
                        "",
                        "(FLOP)",
                        "(FLOP)",
                        "(nats)",
                        "(nats)",
                        "(nats)",
                        "(%)",
                        "(%)",
                        "(points)",
                        "(to tell)",
                        inference != null ? "      (nats)" : "");
                for (Map<String, Double> r : rows) {
                    out.printf(
                            Locale.ROOT,
                            "%8.2f %12.4g %12.4g %10.4f %10.4f %10.4f %9.2f %9.2f %9.2f %12.4g%s%n",
                            r.get("t_years"),
                            r.get("compute_meek_flop"),
                            r.get("compute_frontier_flop"),
                            r.get("loss_meek"),
                            r.get("loss_frontier"),
                            r.get("loss_gap"),
                            r.get("mmlu_meek"),
                            r.get("mmlu_frontier"),
                            r.get("mmlu_gap_points"),
                            r.get("tokens_to_distinguish"),
                            inference != null
                                    ? String.format(Locale.ROOT, " %12.4f", r.get("inference_loss_gap"))
                                    : "");
                }
                if (meekLeadsFrom != null) {
                    out.printf(
                            Locale.ROOT,
                            "note: from t = %.3f years the frontier's compute is below the meek model's (its spending"
                                    + " fell below the meek budget): ΔL < 0, the meek model leads; tokens are for |ΔL|%n",
                            meekLeadsFrom);
                }
                out.printf(
                        Locale.ROOT,
                        "peak: ΔL = %.4f nats/token at t = %.3f years (%s)%n",
                        s.lossGap(analytic.orElse(peak)),
                        analytic.orElse(peak),
                        analytic.isPresent() ? "analytic" : "numeric");
                out.printf(
                        Locale.ROOT,
                        "ΔL stays below %.3g nats/token from t = %s"
                                + (anchor == null ? "" : " (t = 0 is " + anchor.date() + ")") + "%n",
                        threshold,
                        below.isPresent()
                                ? String.format(Locale.ROOT, "%.3f years", below.getAsDouble())
                                : "beyond the search horizon");
            }
        }
        out.flush();
        return 0;
    }

    private static String csv(double v) {
        if (!Double.isFinite(v)) {
            return v > 0 ? "inf" : "nan";
        }
        return Double.toString(v);
    }
}
