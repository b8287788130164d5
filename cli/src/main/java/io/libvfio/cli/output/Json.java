package io.libvfio.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the one JSON document a {@code --json} command prints: an object with
 * {@code schemaVersion} first, then the command's fields. Values are maps, collections,
 * strings, numbers, booleans and nulls, streamed with Jackson's generator.
 */
public final class Json
{
    public static final int SCHEMA_VERSION = 1;

    private static final JsonFactory FACTORY = new JsonFactory();

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
        out.println(write(document));
        out.flush();
    }

    public static String write(Object value)
    {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            generator.useDefaultPrettyPrinter();
            value(generator, value);
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.INTERNAL_ERROR, "cannot write JSON: " + e.getMessage(), e);
        }
        return text.toString();
    }

    private static void value(JsonGenerator generator, Object value)
            throws IOException
    {
        if (value == null) {
            generator.writeNull();
        }
        else if (value instanceof String string) {
            generator.writeString(string);
        }
        else if (value instanceof Integer number) {
            generator.writeNumber(number);
        }
        else if (value instanceof Long number) {
            generator.writeNumber(number);
        }
        else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        }
        else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName(entry.getKey().toString());
                value(generator, entry.getValue());
            }
            generator.writeEndObject();
        }
        else if (value instanceof Collection<?> collection) {
            generator.writeStartArray();
            for (Object element : collection) {
                value(generator, element);
            }
            generator.writeEndArray();
        }
        else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }
}
