package dev.meektracker.launcher;

import java.io.PrintWriter;

/** A one-line progress bar on a terminal; silent when output is redirected, where it would only add noise. */
final class ProgressBar {

    private static final int WIDTH = 40;
    private final PrintWriter err;
    private final int total;
    private final boolean enabled;
    private int lastPercent = -1;

    ProgressBar(PrintWriter err, int total) {
        this.err = err;
        this.total = total;
        this.enabled = System.console() != null && total >= 1000;
    }

    void update(int done) {
        if (!enabled) {
            return;
        }
        int percent = (int) (100L * done / total);
        if (percent != lastPercent) {
            lastPercent = percent;
            int filled = WIDTH * percent / 100;
            err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "% (" + done + "/"
                    + total + ")");
            err.flush();
        }
    }

    void done() {
        if (enabled) {
            err.println();
        }
    }
}
