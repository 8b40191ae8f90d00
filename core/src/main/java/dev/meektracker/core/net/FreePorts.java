package dev.meektracker.core.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ports that were free when asked for, for servers bound a moment later (the embedded broker's two
 * listeners, a test's child processes). The operating system may hand the same ephemeral port to two
 * {@code bind(0)} calls in a row once the first socket is closed, and a broker given one port for both
 * its client and controller listeners refuses to start; so no port is handed out twice in one JVM.
 */
public final class FreePorts {

    private static final int ATTEMPTS = 100;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    /** A port free at this moment and not handed out before by this JVM. */
    public static int next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port not handed out before in " + ATTEMPTS + " attempts");
    }

    /** A port as {@link #next()} that is also not {@code taken} (a port the caller chose itself). */
    public static int nextOtherThan(int taken) {
        HANDED_OUT.add(taken);
        return next();
    }
}
