package dev.meektracker.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumbersTest {

    private static double reference(double v, int digits) {
        if (!Double.isFinite(v) || v == 0) {
            return v;
        }
        return new BigDecimal(v).round(new MathContext(digits)).doubleValue();
    }

    private static void same(double v, int digits) {
        double got = Numbers.sig(v, digits);
        double want = reference(v, digits);
        assertThat(Double.doubleToRawLongBits(got))
                .as("sig(%s, %d) = %s, BigDecimal gives %s", v, digits, got, want)
                .isEqualTo(Double.doubleToRawLongBits(want));
    }

    @Test
    void randomValuesOverEveryMagnitudeRoundAsBigDecimalDoes() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 400_000; i++) {
            double v = (r.nextBoolean() ? 1 : -1) * Math.pow(10, r.nextDouble(-40, 40)) * r.nextDouble(1, 10);
            same(v, 9);
            same(v, 5);
        }
    }

    @Test
    void randomBitPatternsRoundAsBigDecimalDoes() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            double v = Double.longBitsToDouble(r.nextLong());
            same(v, 9);
            same(v, 3);
        }
    }

    @Test
    void tiesPowersOfTenAndTheirNeighboursRoundAsBigDecimalDoes() {
        for (int e = -30; e <= 30; e++) {
            double p = Math.pow(10, e);
            for (double m :
                    new double[] {1, 1.25, 1.5, 2.5, 9.5, 9.999999995, 9.9999999949, 1.0000000005, 1.23456785}) {
                double v = m * p;
                for (double w : new double[] {v, Math.nextUp(v), Math.nextDown(v), -v}) {
                    for (int digits = 1; digits <= 12; digits++) {
                        same(w, digits);
                    }
                }
            }
        }
        // Ties a double holds exactly: half up, away from zero.
        assertThat(Numbers.sig(1.25, 2)).isEqualTo(1.3);
        assertThat(Numbers.sig(-1.25, 2)).isEqualTo(-1.3);
        assertThat(Numbers.sig(0.0, 9)).isEqualTo(0.0);
        assertThat(Numbers.sig(Double.NaN, 9)).isNaN();
        assertThat(Numbers.sig(Double.MIN_VALUE, 9)).isEqualTo(Double.MIN_VALUE);
    }
}
