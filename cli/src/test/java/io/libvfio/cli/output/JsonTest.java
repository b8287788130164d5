package io.libvfio.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written writer prints exactly what Jackson's default pretty printer printed before it. */
final class JsonTest
{
    @Test
    void writesWhatJacksonsDefaultPrettyPrinterWrites()
            throws IOException
    {
        Map<String, Object> document = Json.document();
        document.put("root", "/srv/hosts/a \"quoted\" \\ path/ü/€");
        document.put("iommu", true);
        document.put("off", false);
        document.put("nothing", null);
        document.put("big", Long.MAX_VALUE);
        document.put("negative", -1);
        document.put("empty", List.of());
        document.put("emptyObject", Map.of());
        document.put("strings", List.of("a", "b"));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("address", "0000:3b:00.0");
        nested.put("functions", List.of(Map.of("a", 1), Map.of()));
        nested.put("inner", Map.of("deeper", List.of(List.of(), List.of(1, 2))));
        document.put("gpus", List.of(nested, nested));
        document.put("mixed", List.of(1, "x", List.of("y"), Map.of("k", "v")));

        assertThat(Json.write(document)).isEqualTo(jackson(document));
    }

    @Test
    void escapesEveryControlCharacterAsJacksonDoes()
            throws IOException
    {
        StringBuilder every = new StringBuilder();
        for (char character = 0; character < 0x80; character++) {
            every.append(character);
        }
        every.append("\u00e9\u2028\ud83d\ude00\u007f");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put(every.toString(), every.toString());

        assertThat(Json.write(document)).isEqualTo(jackson(document)).contains("\\u001F", "\\b", "\\t", "\\n", "\\f", "\\r", "\\\"", "\\\\");
    }

    @Test
    void refusesValuesWithoutAJsonForm()
    {
        assertThatThrownBy(() -> Json.write(List.of(new Object()))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
    }

    private static String jackson(Object value)
            throws IOException
    {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = new JsonFactory().createGenerator(text)) {
            generator.useDefaultPrettyPrinter();
            write(generator, value);
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
        else {
            generator.writeStartArray();
            for (Object element : new ArrayList<>((Collection<?>) value)) {
                write(generator, element);
            }
            generator.writeEndArray();
        }
    }
}
