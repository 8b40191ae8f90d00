package dev.meektracker.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
