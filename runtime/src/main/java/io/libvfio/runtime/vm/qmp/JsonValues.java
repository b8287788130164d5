package io.libvfio.runtime.vm.qmp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text to and from plain values (maps, lists, strings, longs, doubles, booleans, null),
 * streamed with Jackson's core parser: no data binding, no reflection. Used by QMP and the VM
 * state files.
 */
public final class JsonValues
{
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonValues()
    {
    }

    public static Object parse(String text)
            throws IOException
    {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new IOException("empty JSON text");
            }
            return value(parser, token);
        }
    }

    private static Object value(JsonParser parser, JsonToken token)
            throws IOException
    {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.getText();
                    map.put(name, value(parser, parser.nextToken()));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(parser, next));
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected JSON token " + token);
        }
    }

    public static String write(Object value, boolean pretty)
    {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            if (pretty) {
                generator.useDefaultPrettyPrinter();
            }
            write(generator, value);
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot write JSON to a string", e);
        }
        return text.toString();
    }

    private static void write(JsonGenerator generator, Object value)
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
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        }
        else if (value instanceof Collection<?> collection) {
            generator.writeStartArray();
            for (Object element : collection) {
                write(generator, element);
            }
            generator.writeEndArray();
        }
        else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }
}
