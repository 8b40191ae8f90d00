package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeekTrackerTest {

    @Test
    void aCommandByNameIsBuiltAlone() {
        assertThat(MeekTracker.commandLine("demo", "--once").getSubcommands()).containsOnlyKeys("demo");
        assertThat(MeekTracker.commandLine("scenario").getSubcommands()).containsOnlyKeys("scenario");
    }

    @Test
    void anythingElseGetsEveryCommand() {
        String[] all = {
            "demo", "produce", "topics", "streams", "consumers", "watch", "broker", "scenario", "bench", "help"
        };
        assertThat(MeekTracker.commandLine().getSubcommands()).containsOnlyKeys(all);
        assertThat(MeekTracker.commandLine("--help").getSubcommands()).containsOnlyKeys(all);
        assertThat(MeekTracker.commandLine("help", "demo").getSubcommands()).containsOnlyKeys(all);
        assertThat(MeekTracker.commandLine("dmeo").getSubcommands()).containsOnlyKeys(all);
    }

    @Test
    void helpAndMisspeltCommandsStillWork() {
        Cli help = Cli.run("help", "scenario");
        assertThat(help.exitCode).isZero();
        assertThat(help.out).contains("Usage: meek-tracker scenario");

        Cli usage = Cli.run();
        assertThat(usage.out).contains("demo").contains("produce").contains("bench");

        Cli typo = Cli.run("dmeo");
        assertThat(typo.exitCode).isEqualTo(2);
        assertThat(typo.err).contains("Unmatched argument").contains("Did you mean");
    }
}
