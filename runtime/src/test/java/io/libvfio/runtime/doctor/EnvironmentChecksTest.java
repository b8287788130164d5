package io.libvfio.runtime.doctor;

import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import static io.libvfio.runtime.doctor.DoctorHosts.checks;
import static io.libvfio.runtime.doctor.DoctorHosts.find;
import static org.assertj.core.api.Assertions.assertThat;

/** Hugepages, Looking Glass, QEMU and its companions, OVMF. */
final class EnvironmentChecksTest
{
    @TempDir
    Path root;

    @Test
    void freeHugepagesPerNode()
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        host.numaNode(1, "4-7", 16_000_000, 0, 0, 16, 4);
        host.numaNode(2, "8-11", 16_000_000, 0, 0, 0, 0);
        host.numaNode(3, "12-15", 16_000_000, 512, 0, 0, 0);
        List<Check> checks = checks(host);

        assertThat(find(checks, "hugepages.node0")).extracting(Check::status, Check::reason)
                .containsExactly(CheckStatus.PASS, "1024 of 1024 2 MiB pages free (2 GiB free)");
        assertThat(find(checks, "hugepages.node1").reason()).isEqualTo("4 of 16 1 GiB pages free (4 GiB free)");
        assertThat(find(checks, "hugepages.node2")).satisfies(check -> {
            assertThat(check.status()).isEqualTo(CheckStatus.WARN);
            assertThat(check.reason()).startsWith("none reserved");
            assertThat(check.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("/sys/devices/system/node/node2/hugepages/hugepages-2048kB/nr_hugepages"));
        });
        assertThat(find(checks, "hugepages.node3")).extracting(Check::status, Check::reason)
                .containsExactly(CheckStatus.WARN, "0 of 512 2 MiB pages free (0 MiB free): every reserved page is in use");
    }

    @Test
    void lookingGlassWithNothingYetAsksForTheTmpfilesRule()
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        Check none = find(checks(host), "looking-glass");
        assertThat(none.status()).isEqualTo(CheckStatus.WARN);
        assertThat(none.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("f /dev/shm/looking-glass 0660 root kvm -"));

        host.writeText("etc/tmpfiles.d/10-looking-glass.conf", "f /dev/shm/looking-glass 0660 alice kvm -\n");
        assertThat(find(checks(host), "looking-glass")).extracting(Check::status, Check::reason)
                .containsExactly(CheckStatus.PASS, "no /dev/shm/looking-glass yet; /etc/tmpfiles.d/10-looking-glass.conf creates it at boot");
    }

    @Test
    void lookingGlassFilesAreCheckedForTheirGroup()
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        host.deviceNode("kvmfr0");
        Check kvmfr = find(doctor(host, new FileMode("root", "kvm", 0660)).run().checks(), "looking-glass");
        assertThat(kvmfr).extracting(Check::status, Check::reason).containsExactly(CheckStatus.PASS, "/dev/kvmfr0 is 0660 root:kvm: the group may read and write it");

        Check rootOnly = find(doctor(host, new FileMode("root", "root", 0600)).run().checks(), "looking-glass");
        assertThat(rootOnly.status()).isEqualTo(CheckStatus.WARN);
        assertThat(rootOnly.reason()).isEqualTo("/dev/kvmfr0 is 0600 root:root: only its owner can open it, so the Looking Glass client may not");
        assertThat(rootOnly.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("udev rule"));
    }

    @Test
    void theRealFileModeIsRead()
            throws IOException
    {
        Path file = Files.createFile(root.resolve("shm"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Optional<FileMode> mode = new LocalDeviceFiles().mode(file);
        assertThat(mode).hasValueSatisfying(value -> assertThat(value.permissions()).isEqualTo(0640));
        assertThat(new LocalDeviceFiles().mode(root.resolve("missing"))).isEmpty();
        assertThat(new LocalDeviceFiles().openReadWrite(file)).isEqualTo(DeviceFiles.OpenResult.OPENED);
        assertThat(new LocalDeviceFiles().openReadWrite(root.resolve("kvm"))).isEqualTo(DeviceFiles.OpenResult.MISSING);
        assertThat(root.resolve("kvm")).as("a missing device is never created").doesNotExist();
    }

    @Test
    void toolsUnderTheRootAreRunForTheirVersions()
            throws IOException
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        script("usr/bin/qemu-system-x86_64", "echo 'QEMU emulator version 8.2.2 (Debian 1:8.2.2+ds-0ubuntu1.4)'; echo 'Copyright (c) 2003-2023'");
        script("usr/bin/qemu-img", "echo 'qemu-img: unknown option' >&2; exit 1");
        List<Check> checks = new Doctor(new DoctorHost(DoctorHosts.runtime(host), new LocalDeviceFiles(), true)).run().checks();

        assertThat(find(checks, "tool.qemu")).extracting(Check::status, Check::reason)
                .containsExactly(CheckStatus.PASS, "QEMU 8.2.2 (/usr/bin/qemu-system-x86_64)");
        assertThat(find(checks, "tool.qemu-img")).extracting(Check::status, Check::reason)
                .containsExactly(CheckStatus.WARN, "/usr/bin/qemu-img --version failed (exit 1): qemu-img: unknown option");
        assertThat(find(checks, "tool.swtpm")).satisfies(check -> {
            assertThat(check.status()).as("only TPM VMs need it").isEqualTo(CheckStatus.WARN);
            assertThat(check.reason()).contains("not found", "swtpm");
        });
    }

    @Test
    void missingQemuFailsAndRhelsQemuKvmCounts()
            throws IOException
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        Check missing = find(checks(host), "tool.qemu");
        assertThat(missing.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(missing.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("qemu-system-x86"));

        script("usr/libexec/qemu-kvm", "echo 'QEMU emulator version 9.0.0 (qemu-kvm-9.0.0-10.el9)'");
        assertThat(find(new Doctor(new DoctorHost(DoctorHosts.runtime(host), new LocalDeviceFiles(), true)).run().checks(), "tool.qemu").reason())
                .isEqualTo("QEMU 9.0.0 (/usr/libexec/qemu-kvm)");
    }

    @Test
    void programsUnderASimulatedRootAreNeverRun()
            throws IOException
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        Path marker = root.resolve("ran");
        script("usr/bin/qemu-system-x86_64", "touch '" + marker + "'; echo 'QEMU emulator version 8.2.2'");
        Check qemu = find(checks(host), "tool.qemu");
        assertThat(qemu.status()).isEqualTo(CheckStatus.PASS);
        assertThat(qemu.reason()).isEqualTo("/usr/bin/qemu-system-x86_64 is there (programs under a simulated root are not run, so no version)");
        assertThat(marker).doesNotExist();
    }

    @Test
    void ovmfIsFoundWithItsPackageVersion()
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        assertThat(find(checks(host), "firmware.ovmf").status()).isEqualTo(CheckStatus.WARN);

        host.writeText("usr/share/OVMF/OVMF_CODE_4M.fd", "");
        host.writeText("usr/share/OVMF/OVMF_VARS_4M.fd", "");
        host.writeText("var/lib/dpkg/status", "Package: qemu-utils\nStatus: install ok installed\nVersion: 1:8.2.2\n\n"
                + "Package: ovmf\nStatus: install ok installed\nVersion: 2024.02-2ubuntu0.1\n");
        assertThat(find(checks(host), "firmware.ovmf")).extracting(Check::status, Check::reason)
                .containsExactly(CheckStatus.PASS, "/usr/share/OVMF/OVMF_CODE_4M.fd (package ovmf 2024.02-2ubuntu0.1)");
    }

    @Test
    void versionBannersOfTheToolsAreUnderstood()
    {
        assertThat(ToolCheck.version("QEMU emulator version 6.2.0 (Debian 1:6.2+dfsg-2ubuntu6.22)")).contains("6.2.0");
        assertThat(ToolCheck.version("qemu-img version 8.2.2 (Debian 1:8.2.2+ds-0ubuntu1)\nCopyright")).contains("8.2.2");
        assertThat(ToolCheck.version("TPM emulator version 0.7.3, Copyright (c) 2014-2022 IBM Corp.")).contains("0.7.3");
        assertThat(ToolCheck.version("no number here")).isEmpty();
    }

    private Doctor doctor(SimulatedHost host, FileMode mode)
    {
        return new Doctor(DoctorHosts.runtime(host), new DeviceFiles()
        {
            @Override
            public OpenResult openReadWrite(Path file)
            {
                return OpenResult.OPENED;
            }

            @Override
            public Optional<FileMode> mode(Path file)
            {
                return Optional.of(mode);
            }
        });
    }

    private void script(String path, String body)
            throws IOException
    {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
