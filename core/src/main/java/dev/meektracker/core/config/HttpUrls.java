package dev.meektracker.core.config;

import java.net.URI;

/** The one check of a URL the tracker posts to (webhook, Slack, Alertmanager): http or https, with a host. */
public final class HttpUrls {

    private HttpUrls() {}

    /**
     * Why {@code url} cannot be posted to ("is not a valid URL", "must be an http:// or https:// URL
     * with a host"), or null when it can. The reason never quotes the URL: a webhook's URL is a secret.
     */
    public static String problem(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return "is not a valid URL";
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            return "must be an http:// or https:// URL with a host";
        }
        return null;
    }
}
