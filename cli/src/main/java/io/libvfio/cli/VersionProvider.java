package io.libvfio.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Reads the version Maven wrote into {@code libvfio-version.properties}. */
public final class VersionProvider
        implements IVersionProvider
{
    @Override
    public String[] getVersion()
            throws IOException
    {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/libvfio-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {
                "libvfio " + properties.getProperty("version", "unknown"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
