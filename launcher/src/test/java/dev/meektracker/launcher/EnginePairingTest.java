package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.launcher.bench.EngineScalingBench.Point;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The engine part's paired figure: each size against the smallest in the same round. */
class EnginePairingTest {

    private static List<Point> runs(double... micros) {
        return java.util.Arrays.stream(micros)
                .mapToObj(m -> new Point(0, 40_000, m, m / 4, 0, 0, 0))
                .toList();
    }

    @Test
    void aDriftThatSlowsAWholeRoundCancels() {
        // The machine ran twice as slow in the second round and three times in the third; within a
        // round the larger history cost 1.2x. The third size's runs met a slow spell of their own in
        // round 1 (2.4x) and a fast one in round 2 (0.3x): the median of its rounds is 1.2 still.
        List<List<Point>> bySize = List.of(runs(1.0, 2.0, 3.0), runs(1.2, 2.4, 3.6), runs(2.4, 1.2 * 0.5, 3.6));
        double[] paired = BenchCommand.pairedRelativeCosts(bySize, Point::microsPerEvent);
        assertThat(paired[0]).isEqualTo(1.0);
        assertThat(paired[1]).isCloseTo(1.2, Offset.offset(1e-12));
        assertThat(paired[2]).isCloseTo(1.2, Offset.offset(1e-12));
        double[] rest = BenchCommand.pairedRelativeCosts(bySize, Point::withoutRefits);
        assertThat(rest[1]).isCloseTo(1.2, Offset.offset(1e-12));
    }
}
