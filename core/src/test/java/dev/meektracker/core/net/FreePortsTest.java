package dev.meektracker.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void handsOutBindablePortsNeverTheSameTwice() throws Exception {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            int port = FreePorts.next();
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
            if (i % 50 == 0) {
                try (ServerSocket bound = new ServerSocket(port)) {
                    assertThat(bound.getLocalPort()).isEqualTo(port);
                }
            }
        }
    }

    @Test
    void avoidsThePortTheCallerChose() throws Exception {
        int chosen;
        try (ServerSocket s = new ServerSocket(0)) {
            chosen = s.getLocalPort();
        }
        for (int i = 0; i < 50; i++) {
            assertThat(FreePorts.nextOtherThan(chosen)).isNotEqualTo(chosen);
        }
    }
}
