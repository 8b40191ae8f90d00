package dev.meektracker.core.serde;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;

/**
 * The one reader of the tracker's YAML files (the sources file, the alert rules). A key written
 * twice in one mapping is an error, as it is in the JSON inputs: YAML's readers otherwise keep the
 * last one, so a rule's threshold or a source's url given twice took the later value in silence.
 */
public final class Yaml {

    private static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private Yaml() {}

    /** The document as a tree; a syntax error, a key given twice or bytes that are no UTF-8 throw, {@link Reasons#of(Throwable, String)} says why. */
    public static JsonNode read(InputStream in) throws IOException {
        return MAPPER.readTree(in);
    }

    /** {@link #read(InputStream)} of bytes. */
    public static JsonNode read(byte[] bytes) throws IOException {
        return MAPPER.readTree(bytes);
    }
}
