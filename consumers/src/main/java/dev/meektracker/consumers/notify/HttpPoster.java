package dev.meektracker.consumers.notify;

import dev.meektracker.core.config.HttpUrls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Posts JSON to one endpoint and classifies the outcome. Webhook URLs (Slack's carry their token in
 * the path) and header values are secrets: every message this class produces has them redacted.
 */
final class HttpPoster {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI uri;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final List<String> secrets = new ArrayList<>();

    HttpPoster(String url, Map<String, String> headers, Duration timeout) {
        // The settings check the configured URLs already; a sink built with another URL is checked here.
        String problem = HttpUrls.problem(url);
        if (problem != null) {
            throw new IllegalArgumentException("a notifier URL " + problem);
        }
        this.uri = URI.create(url.trim());
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
        secrets.add(url);
        if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
            secrets.add(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            secrets.add(uri.getRawQuery());
        }
        headers.values().stream().filter(v -> !v.isBlank()).forEach(secrets::add);
    }

    /** Where it posts, safe to log: scheme, host and port only. */
    String safeAddress() {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    void post(String json) throws DeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryException(
                    redact(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())),
                    false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", false);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String body = response.body() == null ? "" : response.body().strip();
        if (body.length() > 200) {
            body = body.substring(0, 200) + "…";
        }
        boolean retryable = status >= 500 || status == 408 || status == 429;
        throw new DeliveryException(redact("HTTP " + status + (body.isEmpty() ? "" : ": " + body)), !retryable);
    }

    String redact(String message) {
        String m = message;
        for (String s : secrets) {
            m = m.replace(s, "<redacted>");
        }
        return m;
    }
}
