package dev.meektracker.launcher;

import dev.meektracker.core.LocalService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The shaded jar as a child process, as a user runs it, and a plain GET for the services it starts. */
final class ShadedJar {

    static final Path PROJECT = Path.of(System.getProperty("meek.project.dir", ".."));
    static final Path JAR = PROJECT.resolve("launcher/target/meek-tracker.jar");
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ShadedJar() {}

    /** The command line running the jar with {@code args} under a heap of {@code heap} (e.g. "256m"). */
    static List<String> command(String heap, String... args) {
        List<String> c = new ArrayList<>(List.of(JAVA, "-Xmx" + heap, "-jar", JAR.toString()));
        c.addAll(List.of(args));
        return c;
    }

    /**
     * The {@code broker} command as a child process on {@code port} with its data in {@code logDir}
     * (so a restart on the same folder keeps it), returned once it serves; {@code more} are further options.
     */
    static LocalService broker(String name, int port, Path logDir, String... more) throws Exception {
        List<String> args =
                new ArrayList<>(List.of("broker", "--port", String.valueOf(port), "--log-dir", logDir.toString()));
        args.addAll(List.of(more));
        return LocalService.startUntilOutput(
                name, command("512m", args.toArray(String[]::new)), "Kafka broker running at", Duration.ofSeconds(90));
    }

    /** The body of a GET, or "" while the service does not answer. */
    static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (Exception e) {
            return "";
        }
    }
}
