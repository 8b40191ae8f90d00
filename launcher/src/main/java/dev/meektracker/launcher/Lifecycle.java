package dev.meektracker.launcher;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;

/**
 * What a long-running command started, closed in reverse order exactly once: on Ctrl-C or SIGTERM
 * (a shutdown hook) or when the command returns.
 */
final class Lifecycle implements AutoCloseable {

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread hook;

    Lifecycle(String name) {
        hook = new Thread(
                () -> {
                    stop.countDown();
                    closeAll();
                },
                name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    <T extends AutoCloseable> T add(T resource) {
        synchronized (resources) {
            resources.push(resource);
        }
        return resource;
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM). */
    void awaitShutdown() throws InterruptedException {
        stop.await();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running and closes everything itself.
            return;
        }
        closeAll();
    }

    private void closeAll() {
        synchronized (resources) {
            while (!resources.isEmpty()) {
                try {
                    resources.pop().close();
                } catch (Exception e) {
                    System.err.println("meek-tracker: error while stopping: " + e.getMessage());
                }
            }
        }
    }
}
