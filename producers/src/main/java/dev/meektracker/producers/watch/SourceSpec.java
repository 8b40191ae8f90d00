package dev.meektracker.producers.watch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meektracker.core.serde.Reasons;
import dev.meektracker.core.serde.Yaml;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One watched source, as the sources file (YAML) lists it.
 *
 * @param id                 a slug naming the source (the key of its revisions and state)
 * @param url                {@code http(s)://} or {@code file:}
 * @param format             how the body becomes events
 * @param every              the polling interval (ISO-8601, e.g. PT6H)
 * @param headers            request headers, values with {@code ${VAR}} taken from the environment (secrets:
 *                           never logged, never in a revision)
 * @param maxDeletionShare   a revision deleting more than this share of the source's rows is held back
 * @param accept             publish the next revision even if it deletes more than that, or its columns changed
 */
public record SourceSpec(
        String id,
        URI url,
        SourceFormat format,
        Duration every,
        Map<String, String> headers,
        double maxDeletionShare,
        boolean accept) {

    public static final double DEFAULT_MAX_DELETION_SHARE = 0.2;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Set<String> KEYS =
            Set.of("id", "url", "format", "every", "headers", "maxDeletionShare", "accept");

    public SourceSpec {
        headers = Map.copyOf(headers);
    }

    /** This source with {@code accept} set (the watch command's --accept ID). */
    public SourceSpec accepting() {
        return new SourceSpec(id, url, format, every, headers, maxDeletionShare, true);
    }

    /** The header names, never their values: what logs and revisions may show. */
    public Set<String> headerNames() {
        return headers.keySet();
    }

    /** Reads a sources file ({@code sources: [...]}); every problem is an error naming the source and key. */
    public static List<SourceSpec> load(Path file, UnaryOperator<String> env) throws IOException {
        JsonNode root;
        try {
            root = Yaml.read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + Reasons.of(e, "YAML"));
        }
        if (root == null
                || !root.path("sources").isArray()
                || root.path("sources").isEmpty()) {
            throw new IllegalArgumentException(file + ": expected a non-empty list under 'sources:'");
        }
        List<SourceSpec> specs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int i = 0;
        for (JsonNode n : root.path("sources")) {
            i++;
            String where = file.getFileName() + ", source " + i;
            if (!n.isObject()) {
                throw new IllegalArgumentException(where + ": expected a mapping with id, url, format, every");
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!KEYS.contains(k)) {
                    throw new IllegalArgumentException(where + ": unknown key '" + k + "' (known: " + KEYS + ")");
                }
            }
            String id = text(n, "id", where);
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException(where + ": id '" + id + "' must be a lower-case slug ([a-z0-9._-])");
            }
            where = "source '" + id + "'";
            if (!ids.add(id)) {
                throw new IllegalArgumentException(where + " is listed twice");
            }
            URI url;
            try {
                url = URI.create(text(n, "url", where));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": url is not a URL: " + firstLine(e.getMessage()));
            }
            String scheme = url.getScheme() == null ? "" : url.getScheme();
            if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
                throw new IllegalArgumentException(where + ": url must be http(s):// or file:, not '" + scheme + "'");
            }
            if (url.getUserInfo() != null) {
                throw new IllegalArgumentException(
                        where + ": put credentials in headers from the environment, not in the url");
            }
            SourceFormat format;
            try {
                format = SourceFormat.fromWire(text(n, "format", where));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            Duration every;
            try {
                every = Duration.parse(text(n, "every", where));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(where + ": every must be an ISO-8601 duration such as PT6H");
            }
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException(where + ": every must be positive");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            JsonNode h = n.path("headers");
            if (!h.isMissingNode() && !h.isObject()) {
                throw new IllegalArgumentException(where + ": headers must be a mapping of name to value");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                checkHeaderName(name, where);
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw new IllegalArgumentException(where + ", header " + name + ": the value must be text");
                }
                String value = substitute(e.getValue().asText(), env, where + ", header " + name);
                // The value is never quoted: it may be a secret from the environment.
                if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                    throw new IllegalArgumentException(where + ", header " + name
                            + ": the value holds a line break or NUL, which would end the header early");
                }
                headers.put(name, value);
            }
            JsonNode shareNode = n.path("maxDeletionShare");
            if (!shareNode.isMissingNode() && !shareNode.isNumber()) {
                throw new IllegalArgumentException(where + ": maxDeletionShare must be a number in [0, 1], not '"
                        + Reasons.cut(shareNode.asText()) + "'");
            }
            double share = shareNode.asDouble(DEFAULT_MAX_DELETION_SHARE);
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException(where + ": maxDeletionShare must lie in [0, 1]");
            }
            JsonNode acceptNode = n.path("accept");
            if (!acceptNode.isMissingNode() && !acceptNode.isBoolean()) {
                throw new IllegalArgumentException(
                        where + ": accept must be true or false, not '" + Reasons.cut(acceptNode.asText()) + "'");
            }
            specs.add(new SourceSpec(id, url, format, every, headers, share, acceptNode.asBoolean(false)));
        }
        return specs;
    }

    /** Headers Java's HTTP client sets itself and refuses to be given (at the first fetch, not at start). */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /** A header name is an RFC 9110 token; one that is not (a space, a colon, a line break) is refused at start. */
    private static void checkHeaderName(String name, String where) {
        boolean token = !name.isEmpty()
                && name.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
        if (!token) {
            throw new IllegalArgumentException(where + ": header name '" + Reasons.cut(name)
                    + "' is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~, no spaces)");
        }
        if (RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException(
                    where + ": header " + name + " is set by the HTTP client itself and cannot be given");
        }
    }

    private static String text(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": missing '" + key + "'");
        }
        return v.asText().trim();
    }

    /** ${VAR} from the environment; a variable that is not set is an error naming it (never a value). */
    private static String substitute(String value, UnaryOperator<String> env, String where) {
        Matcher m = VAR.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = env.apply(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException(where + ": environment variable " + m.group(1) + " is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public String toString() {
        // Header values may be secrets: never in a log line.
        return "SourceSpec[" + id + ", " + url + ", " + format.wire() + ", every " + every + ", headers "
                + headers.keySet() + "]";
    }
}
