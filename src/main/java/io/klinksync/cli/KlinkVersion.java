package io.klinksync.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The build's version for every command's `--version`, from the resource the build writes from pom.xml. */
public final class KlinkVersion implements CommandLine.IVersionProvider {

    public static String current() {
        try (InputStream in = KlinkVersion.class.getResourceAsStream("/klink-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"klink-sync " + current(), "Java " + System.getProperty("java.version")};
    }
}
