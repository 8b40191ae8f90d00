package dev.meektracker.core;

import dev.meektracker.core.net.FreePorts;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A real server from the machine's packages (Debian's prometheus, prometheus-alertmanager) run as a
 * child process for a test, its output kept in a log file. Tests using it skip, saying why, when the
 * program is not installed; {@code .ci/run} installs them.
 */
public final class LocalService implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String name;

    private LocalService(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** The program's path, or the test is skipped. */
    public static Path require(String program) {
        Optional<Path> p = find(program);
        Assumptions.assumeTrue(
                p.isPresent(), program + " is not installed (Debian package; `.ci/run` installs it): skipping");
        return p.get();
    }

    public static Optional<Path> find(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static int freePort() {
        return FreePorts.next();
    }

    /** Starts the program and waits until {@code readyUrl} answers 200. */
    public static LocalService start(String name, List<String> command, String readyUrl, Duration timeout)
            throws Exception {
        LocalService s = launch(name, command);
        Process p = s.process;
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited with " + p.exitValue() + ":\n" + s.output());
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(readyUrl))
                                                .timeout(Duration.ofSeconds(2))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return s;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        s.close();
        throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s:\n" + s.output());
    }

    /** Starts the program and waits until its output contains {@code readyText} (for servers without HTTP). */
    public static LocalService startUntilOutput(String name, List<String> command, String readyText, Duration timeout)
            throws Exception {
        LocalService s = launch(name, command);
        Process p = s.process;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (s.output().contains(readyText)) {
                return s;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited with " + p.exitValue() + ":\n" + s.output());
            }
            Thread.sleep(100);
        }
        s.close();
        throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s:\n" + s.output());
    }

    /** Starts the program, its output and errors in a log file kept for a post-mortem under the module's target/. */
    private static LocalService launch(String name, List<String> command) throws IOException {
        Path logs = Files.createDirectories(Path.of("target", "local-services"));
        Path log = Files.createTempFile(logs, name.replace(' ', '-') + "-", ".log");
        Process p = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new LocalService(name, p, log);
    }

    /** Runs a program to completion and returns its exit code and output. */
    public static Result run(List<String> command, Duration timeout) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    String.join(" ", command) + " did not finish in " + timeout.toSeconds() + " s");
        }
        return new Result(p.exitValue(), new String(out));
    }

    public record Result(int exitCode, String output) {}

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, as the kernel's OOM killer or a pulled plug would: no shutdown hook runs. Waits for the exit. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGSTOP: the process freezes (no thread runs, sockets stay open) until {@link #resume()}. */
    public void pause() throws Exception {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
                .redirectErrorStream(true)
                .start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed: "
                    + new String(kill.getInputStream().readAllBytes()));
        }
    }

    /** Waits for the process to end by itself; its exit code and output. */
    public Result awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " did not end within " + timeout.toSeconds() + " s:\n" + output());
        }
        return new Result(process.exitValue(), output());
    }

    /** The exit code once the process has ended (after {@link #kill()}, 137). */
    public int exitCode() {
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
