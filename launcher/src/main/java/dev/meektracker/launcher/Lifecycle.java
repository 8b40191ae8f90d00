package dev.meektracker.launcher;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * What a long-running command started, closed exactly once: on Ctrl-C or SIGTERM (a shutdown hook)
 * or when the command returns. The clients and servers close side by side, each leaving its group
 * and flushing its producer at the same time (one after another they took 2.2 s of the demo's
 * 12); what they run on (the embedded broker) closes after them, in reverse order of start.
 */
final class Lifecycle implements AutoCloseable {

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Deque<AutoCloseable> foundations = new ArrayDeque<>();
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

    /** Adds what the other resources run on: closed after all of them have closed. */
    <T extends AutoCloseable> T addFoundation(T resource) {
        synchronized (resources) {
            foundations.push(resource);
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
            List<Thread> closing = new ArrayList<>();
            while (!resources.isEmpty()) {
                AutoCloseable r = resources.pop();
                Thread t = new Thread(
                        () -> closeQuietly(r), "close-" + r.getClass().getSimpleName());
                t.start();
                closing.add(t);
            }
            for (Thread t : closing) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            while (!foundations.isEmpty()) {
                closeQuietly(foundations.pop());
            }
        }
    }

    private static void closeQuietly(AutoCloseable r) {
        try {
            r.close();
        } catch (Exception e) {
            System.err.println("meek-tracker: error while stopping: " + e.getMessage());
        }
    }
}
