package io.libvfio.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the one JSON document a {@code --json} command prints: an object with
 * {@code schemaVersion} first, then the command's fields.
 */
public final class Json
{
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json()
    {
    }

    public static Map<String, Object> document()
    {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schemaVersion", SCHEMA_VERSION);
        return document;
    }

    public static void print(PrintWriter out, Map<String, Object> document)
    {
        try {
            out.println(MAPPER.writeValueAsString(document));
            out.flush();
        }
        catch (JsonProcessingException e) {
            throw new VfioException(StandardErrorCode.INTERNAL_ERROR, "cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
