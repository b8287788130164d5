package io.libvfio.runtime.vgpu;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.libvfio.api.GpuId;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * libvfio's records of the vGPUs it made: one JSON file per vGPU, {@code <run dir>/vgpus/<id>.json},
 * written to a temporary file and renamed over the old one, so a reader never sees half a record.
 * Ids are checked ({@link InstanceIds}) before they become file names.
 */
public final class VgpuRecords
{
    static final int FORMAT = 1;
    private static final JsonFactory JSON = new JsonFactory();
    private static final String SUFFIX = ".json";

    private final Path directory;

    public VgpuRecords(Path directory)
    {
        this.directory = requireNonNull(directory, "directory is null");
    }

    public Path directory()
    {
        return directory;
    }

    public void write(VgpuRecord record)
    {
        Path file = file(record.id());
        Path temporary = directory.resolve("." + record.id() + SUFFIX + ".tmp");
        try {
            Files.createDirectories(directory);
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
                    JsonGenerator generator = JSON.createGenerator(writer)) {
                generator.useDefaultPrettyPrinter();
                write(generator, record);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (IOException e) {
            deleteQuietly(temporary);
            throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED, "cannot write the vGPU record %s: %s".formatted(file, e.getMessage()), e);
        }
    }

    public void delete(String id)
    {
        Path file = file(id);
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED, "cannot delete the vGPU record %s: %s".formatted(file, e.getMessage()), e);
        }
    }

    public Optional<VgpuRecord> find(String id)
    {
        Path file = file(id);
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    /** Every record, by id. A record that cannot be read is an error naming the file and where in it. */
    public List<VgpuRecord> all()
    {
        List<VgpuRecord> records = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return records;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().startsWith(".")) {
                    files.add(entry);
                }
            }
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE, "cannot list the vGPU records in %s: %s".formatted(directory, e.getMessage()), e);
        }
        files.sort(null);
        for (Path file : files) {
            records.add(read(file));
        }
        return records;
    }

    private Path file(String id)
    {
        return directory.resolve(InstanceIds.id(id) + SUFFIX);
    }

    // ---- JSON ---------------------------------------------------------------------------

    private static void write(JsonGenerator generator, VgpuRecord record)
            throws IOException
    {
        generator.writeStartObject();
        generator.writeNumberField("format", FORMAT);
        generator.writeStringField("id", record.id());
        generator.writeStringField("backend", record.backend());
        generator.writeStringField("parent", record.parent().toString());
        generator.writeStringField("type", record.typeId());
        generator.writeStringField("mechanism", record.mechanism().name());
        generator.writeStringField("function", record.function().map(PciAddress::toString).orElse(null));
        generator.writeStringField("devicePath", record.devicePath());
        generator.writeStringField("createdBy", record.createdBy());
        generator.writeNumberField("pid", record.pid());
        generator.writeStringField("createdAt", record.createdAt().toString());
        generator.writeArrayFieldStart("bindings");
        for (FunctionBinding binding : record.bindings()) {
            generator.writeStartObject();
            generator.writeStringField("function", binding.function().toString());
            generator.writeNumberField("iommuGroup", binding.iommuGroup());
            generator.writeStringField("originalDriver", binding.originalDriver().orElse(null));
            generator.writeStringField("originalOverride", binding.originalOverride().orElse(null));
            generator.writeEndObject();
        }
        generator.writeEndArray();
        generator.writeEndObject();
    }

    private static VgpuRecord read(Path file)
    {
        try (JsonParser parser = JSON.createParser(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            Map<String, Object> object = object(parser, parser.nextToken());
            Fields fields = new Fields(file, object);
            List<FunctionBinding> bindings = new ArrayList<>();
            for (Object element : fields.list("bindings")) {
                if (!(element instanceof Map<?, ?> map)) {
                    throw fields.malformed("bindings", element, "an object per bound function");
                }
                @SuppressWarnings("unchecked")
                Fields binding = new Fields(file, (Map<String, Object>) map);
                bindings.add(new FunctionBinding(binding.address("function"), (int) binding.number("iommuGroup"),
                        binding.optionalText("originalDriver"), binding.optionalText("originalOverride")));
            }
            String id = fields.text("id");
            if (!file.getFileName().toString().equals(InstanceIds.id(id) + SUFFIX)) {
                throw fields.malformed("id", id, "the file's name");
            }
            return new VgpuRecord(id, fields.text("backend"), fields.gpu("parent"), fields.text("type"), fields.mechanism("mechanism"),
                    fields.optionalText("function").map(PciAddress::parse), fields.text("devicePath"), fields.text("createdBy"),
                    fields.number("pid"), fields.instant("createdAt"), bindings);
        }
        catch (NoSuchFileException e) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE, "vGPU record %s vanished while being read".formatted(file), e);
        }
        catch (JsonProcessingException e) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_MALFORMED, "vGPU record %s: line %d, column %d: %s (remove the file if that vGPU is gone)".formatted(
                    file, e.getLocation().getLineNr(), e.getLocation().getColumnNr(), e.getOriginalMessage()), e);
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_UNREADABLE, "cannot read vGPU record %s: %s".formatted(file, e.getMessage()), e);
        }
    }

    private static Map<String, Object> object(JsonParser parser, JsonToken start)
            throws IOException
    {
        if (start != JsonToken.START_OBJECT) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser, "expected a JSON object");
        }
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            object.put(name, value(parser, parser.nextToken()));
        }
        return object;
    }

    private static Object value(JsonParser parser, JsonToken token)
            throws IOException
    {
        if (token == JsonToken.START_OBJECT) {
            return object(parser, token);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Object> list = new ArrayList<>();
            JsonToken next;
            while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                list.add(value(parser, next));
            }
            return list;
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected " + token);
    }

    private static void deleteQuietly(Path file)
    {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException ignored) {
            // the temporary file is hidden and replaced by the next write
        }
    }

    /** Typed access to a record's keys, with errors naming the file, key and value. */
    private record Fields(Path file, Map<String, Object> values)
    {
        String text(String key)
        {
            Object value = values.get(key);
            if (!(value instanceof String text)) {
                throw malformed(key, value, "a string");
            }
            return text;
        }

        Optional<String> optionalText(String key)
        {
            return values.get(key) == null ? Optional.empty() : Optional.of(text(key));
        }

        long number(String key)
        {
            Object value = values.get(key);
            if (!(value instanceof Long number)) {
                throw malformed(key, value, "a whole number");
            }
            return number;
        }

        List<?> list(String key)
        {
            Object value = values.get(key);
            if (!(value instanceof List<?> list)) {
                throw malformed(key, value, "a list");
            }
            return list;
        }

        GpuId gpu(String key)
        {
            String text = text(key);
            if (!PciAddress.isValid(text) && !GpuId.isValidName(text)) {
                throw malformed(key, text, "a PCI address or a device name");
            }
            return GpuId.parse(text);
        }

        PciAddress address(String key)
        {
            String text = text(key);
            if (!PciAddress.isValid(text)) {
                throw malformed(key, text, "a PCI address");
            }
            return PciAddress.parse(text);
        }

        Mechanism mechanism(String key)
        {
            String text = text(key);
            try {
                return Mechanism.valueOf(text);
            }
            catch (IllegalArgumentException e) {
                throw malformed(key, text, "one of MDEV, SRIOV_VF, VENDOR_VFIO, PASSTHROUGH");
            }
        }

        Instant instant(String key)
        {
            String text = text(key);
            try {
                return Instant.parse(text);
            }
            catch (DateTimeParseException e) {
                throw malformed(key, text, "an ISO-8601 instant");
            }
        }

        VfioException malformed(String key, Object value, String expected)
        {
            return new VfioException(StandardErrorCode.ATTRIBUTE_MALFORMED, "vGPU record %s: key '%s': malformed value '%s' (expected %s; remove the file if that vGPU is gone)"
                    .formatted(file, key, value, expected));
        }
    }
}
