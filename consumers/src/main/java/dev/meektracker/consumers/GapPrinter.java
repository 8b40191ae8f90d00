package dev.meektracker.consumers;

import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.ScalingFit;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/** Prints each changed gap estimate (and fit) as one line a person can read; alert lines come from the log notifier. */
public final class GapPrinter implements Consumer<Object> {

    private final PrintStream out;
    private final boolean fitsToo;

    public GapPrinter(PrintStream out, boolean fitsToo) {
        this.out = out;
        this.fitsToo = fitsToo;
    }

    @Override
    public void accept(Object o) {
        if (o instanceof GapEstimate g) {
            out.println(format(g));
        } else if (o instanceof ScalingFit f && fitsToo) {
            out.println(format(f));
        }
    }

    public static String format(GapEstimate g) {
        StringBuilder s = new StringBuilder(
                String.format(Locale.ROOT, "%s  gap  %-36s %10.4g %s", g.asOf(), g.id(), g.value(), g.unit()));
        if (g.low() != null && g.high() != null) {
            s.append(String.format(Locale.ROOT, " [%.4g, %.4g]", g.low(), g.high()));
        }
        if (g.lagMonths() != null) {
            s.append(String.format(Locale.ROOT, "  lag %.1f months", g.lagMonths()));
        }
        Object status = g.details().get("status");
        if (status != null) {
            s.append("  ").append(status);
        }
        return s.toString();
    }

    public static String format(ScalingFit f) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s  fit  %-36s n=%d", f.asOf(), f.id(), f.n()));
        if (f.growthPerYear() != null) {
            s.append(String.format(
                    Locale.ROOT, "  %.3g x/year", f.growthPerYear().value()));
            if (f.growthPerYear().low() != null) {
                s.append(String.format(
                        Locale.ROOT,
                        " [%.3g, %.3g]",
                        f.growthPerYear().low(),
                        f.growthPerYear().high()));
            }
        }
        if (f.rSquared() != null) {
            s.append(String.format(Locale.ROOT, "  R²=%.3f", f.rSquared()));
        }
        s.append("  (").append(f.method()).append(')');
        return s.toString();
    }
}
