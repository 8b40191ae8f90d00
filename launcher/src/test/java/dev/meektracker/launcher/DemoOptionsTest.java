package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo's option checks, which run before a broker or anything else starts: bad values are usage errors. */
class DemoOptionsTest {

    @Test
    void outOfRangeValuesAreRefusedBeforeAnythingStarts() {
        Cli idle = Cli.run("demo", "--once", "--idle-timeout", "0");
        assertThat(idle.exitCode).isEqualTo(2);
        assertThat(idle.err)
                .startsWith("--idle-timeout must be at least 1 second, not 0")
                .doesNotContain("embedded Kafka broker at");
        Cli speed = Cli.run("demo", "--once", "--speed-up", "-1");
        assertThat(speed.exitCode).isEqualTo(2);
        assertThat(speed.err).startsWith("--speed-up must be a positive factor");
        Cli report = Cli.run("demo", "--report", "r.json");
        assertThat(report.exitCode).isEqualTo(2);
        assertThat(report.err).startsWith("--report needs --once");
    }
}
