package io.libvfio.testkit;

import io.libvfio.api.Errno;

import java.util.ArrayList;
import java.util.List;

/**
 * A PCI dynamic ID as {@code new_id}/{@code remove_id} take it (sysfs-spec §1.4):
 * {@code "VVVV DDDD [SVVV SDDD CCCC MMMM [PPPP]]"} in hex; missing subsystem ids are
 * {@code PCI_ANY_ID}, missing class and mask 0.
 */
record DynamicId(int vendor, int device, int subvendor, int subdevice, int classCode, int classMask)
{
    static final int ANY = 0xffffffff;

    /** Parses like {@code sscanf(buf, "%x %x %x %x %x %x ...")}; fewer than 2 fields is EINVAL. */
    static DynamicId parse(String value, int maxFields)
    {
        List<Integer> fields = fields(value, maxFields);
        if (fields.size() < 2) {
            throw WriteRefused.because(Errno.EINVAL, "a dynamic ID needs at least vendor and device: '" + value + "'");
        }
        return new DynamicId(fields.get(0), fields.get(1),
                fields.size() > 2 ? fields.get(2) : ANY,
                fields.size() > 3 ? fields.get(3) : ANY,
                fields.size() > 4 ? fields.get(4) : 0,
                fields.size() > 5 ? fields.get(5) : 0);
    }

    /** Number of hex fields {@code sscanf} would convert. */
    static int fieldCount(String value, int maxFields)
    {
        return fields(value, maxFields).size();
    }

    private static List<Integer> fields(String value, int maxFields)
    {
        List<Integer> fields = new ArrayList<>();
        for (String token : value.strip().split("\\s+")) {
            if (fields.size() == maxFields || token.isEmpty()) {
                break;
            }
            String digits = token.startsWith("0x") || token.startsWith("0X") ? token.substring(2) : token;
            int end = 0;
            while (end < digits.length() && Character.digit(digits.charAt(end), 16) >= 0 && digits.charAt(end) < 0x80) {
                end++;
            }
            if (end == 0) {
                break;
            }
            fields.add((int) Long.parseLong(digits.substring(0, Math.min(end, 8)), 16));
            if (end < digits.length()) {
                break;
            }
        }
        return fields;
    }

    /** {@code pci_match_one_device()}: every field equal or {@code PCI_ANY_ID}, class under the mask. */
    boolean matches(int vendor, int device, int subvendor, int subdevice, int classCode)
    {
        return (this.vendor == ANY || this.vendor == vendor)
                && (this.device == ANY || this.device == device)
                && (this.subvendor == ANY || this.subvendor == subvendor)
                && (this.subdevice == ANY || this.subdevice == subdevice)
                && ((this.classCode ^ classCode) & classMask) == 0;
    }

    @Override
    public String toString()
    {
        return "%04x %04x %x %x %x %x".formatted(vendor, device, subvendor, subdevice, classCode, classMask);
    }
}
