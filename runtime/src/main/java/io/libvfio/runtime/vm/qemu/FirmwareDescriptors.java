package io.libvfio.runtime.vm.qemu;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.HostFs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Finds OVMF the way QEMU's own tools do: through the firmware descriptors in
 * {@code /etc/qemu/firmware} and {@code /usr/share/qemu/firmware} (read under the root), in
 * file-name order, an {@code /etc} file hiding the shipped one of the same name. It takes the
 * first x86_64 UEFI flash firmware for q35 with a variable-store template, preferring one
 * without Secure Boot and SMM unless Secure Boot is asked for.
 */
public final class FirmwareDescriptors
{
    static final List<String> DIRECTORIES = List.of("/etc/qemu/firmware", "/usr/share/qemu/firmware");
    private static final JsonFactory JSON = new JsonFactory();

    private final HostFs fs;

    public FirmwareDescriptors(HostFs fs)
    {
        this.fs = requireNonNull(fs, "fs is null");
    }

    public Optional<OvmfFirmware> uefi(boolean secureBoot)
    {
        List<OvmfFirmware> candidates = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (String directory : DIRECTORIES) {
            for (String name : fs.list(directory)) {
                if (name.endsWith(".json") && !seen.contains(name)) {
                    seen.add(name);
                    files.add(directory + "/" + name);
                }
            }
        }
        files.sort((left, right) -> left.substring(left.lastIndexOf('/')).compareTo(right.substring(right.lastIndexOf('/'))));
        for (String file : files) {
            fs.read(file).flatMap(text -> parse(file, text)).ifPresent(candidates::add);
        }
        for (OvmfFirmware candidate : candidates) {
            if (candidate.secureBoot() == secureBoot && (secureBoot || !candidate.requiresSmm())) {
                return Optional.of(candidate);
            }
        }
        return candidates.isEmpty() || secureBoot ? Optional.empty() : Optional.of(candidates.get(0));
    }

    /** One descriptor, when it describes x86_64 q35 UEFI flash firmware with a vars template. */
    static Optional<OvmfFirmware> parse(String file, String text)
    {
        Descriptor descriptor = new Descriptor();
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            descriptor.read(parser, "");
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_MALFORMED, file + ": not a QEMU firmware descriptor: " + e.getMessage(), e);
        }
        boolean uefi = descriptor.interfaces.contains("uefi");
        boolean q35 = descriptor.machines.stream().anyMatch(machine -> machine.startsWith("pc-q35") || machine.equals("q35"));
        if (!uefi || !"flash".equals(descriptor.device) || !descriptor.architectures.contains("x86_64") || !q35
                || descriptor.code == null || descriptor.vars == null) {
            return Optional.empty();
        }
        return Optional.of(new OvmfFirmware(file, descriptor.code, descriptor.vars,
                descriptor.features.contains("secure-boot"), descriptor.features.contains("requires-smm")));
    }

    /** The fields that matter, read by walking the JSON tree with their dotted path. */
    private static final class Descriptor
    {
        private final List<String> interfaces = new ArrayList<>();
        private final List<String> architectures = new ArrayList<>();
        private final List<String> machines = new ArrayList<>();
        private final List<String> features = new ArrayList<>();
        private String device;
        private String code;
        private String vars;

        /** Reads the members of the object or array just opened; values inside an array keep the array's path. */
        void read(JsonParser parser, String path)
                throws IOException
        {
            String field = null;
            JsonToken token;
            while ((token = parser.nextToken()) != null && token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                if (token == JsonToken.FIELD_NAME) {
                    field = parser.getText();
                    continue;
                }
                String here = field == null ? path : path + "." + field;
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    read(parser, here);
                }
                else if (token == JsonToken.VALUE_STRING) {
                    value(here, parser.getText());
                }
            }
        }

        private void value(String path, String text)
        {
            switch (path) {
                case ".interface-types" -> interfaces.add(text);
                case ".mapping.device" -> device = text;
                case ".mapping.executable.filename" -> code = text;
                case ".mapping.nvram-template.filename" -> vars = text;
                case ".targets.architecture" -> architectures.add(text);
                case ".targets.machines" -> machines.add(text);
                case ".features" -> features.add(text);
                default -> { }
            }
        }
    }
}
