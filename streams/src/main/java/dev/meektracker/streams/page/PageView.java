package dev.meektracker.streams.page;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.meektracker.core.serde.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.webjars.WebJarVersionLocator;

/**
 * The page's HTML, live or self-contained. Live, it loads its script, styles and ECharts from the
 * query API's {@code assets/} (all from the jar) and polls {@code api/page}; as a report, the same
 * HTML carries the data, the scripts and the styles inline, so the one file opens offline.
 */
public final class PageView {

    /** The assets the live page loads, by the name it asks for. */
    public static final Map<String, String> ASSETS = Map.of(
            "echarts.min.js", "text/javascript; charset=utf-8",
            "page.js", "text/javascript; charset=utf-8",
            "page.css", "text/css; charset=utf-8");

    private static final String TEMPLATE = text(resource("page/page.html"));
    private static final byte[] ECHARTS = echarts();
    private static final byte[] SCRIPT = resource("page/page.js");
    private static final byte[] STYLE = resource("page/page.css");

    private PageView() {}

    /** The live page: assets by relative address, data by polling. */
    public static String live() {
        return TEMPLATE.replace("<!--mode-->", "live")
                .replace("<!--head-->", "<link rel=\"stylesheet\" href=\"assets/page.css\">")
                .replace(
                        "<!--body-->",
                        "<script src=\"assets/echarts.min.js\"></script>\n<script src=\"assets/page.js\"></script>");
    }

    /** One self-contained file: the data, ECharts, the page's script and styles inline. */
    public static String report(Map<String, Object> data) {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the page's data did not serialize", e);
        }
        // Inside a script element only "</" (and "<!--") can end it early: escape every "<" in the data.
        String inlineData = json.replace("<", "\\u003c");
        StringBuilder body = new StringBuilder(ECHARTS.length + SCRIPT.length + json.length() + 200);
        body.append("<script type=\"application/json\" id=\"meek-data\">")
                .append(inlineData)
                .append("</script>\n<script>")
                .append(text(ECHARTS))
                .append("</script>\n<script>")
                .append(text(SCRIPT))
                .append("</script>");
        String page = TEMPLATE.replace("<!--mode-->", "report")
                .replace("<!--head-->", "<style>\n" + text(STYLE) + "</style>");
        return page.replace("<!--body-->", body);
    }

    /** An asset's bytes by its name in {@link #ASSETS}, or null. */
    public static byte[] asset(String name) {
        return switch (name) {
            case "echarts.min.js" -> ECHARTS;
            case "page.js" -> SCRIPT;
            case "page.css" -> STYLE;
            default -> null;
        };
    }

    private static byte[] echarts() {
        String path = new WebJarVersionLocator().fullPath("echarts", "dist/echarts.min.js");
        if (path == null) {
            throw new IllegalStateException("the ECharts WebJar is not on the class path");
        }
        return resource(path);
    }

    private static byte[] resource(String path) {
        try (InputStream in = PageView.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
