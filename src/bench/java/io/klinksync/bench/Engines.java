package io.klinksync.bench;

import io.klinksync.mirror.MirrorVendor;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Which mirror engines a scenario measures. The targets are held on PostgreSQL and on "the embedded default": the
 * engine of the shipped mirror.jdbc.url in config/application.properties, read from the project folder the
 * benchmark runs from, so that the benchmark follows the default when it changes rather than naming an engine.
 */
final class Engines {

    static final Path SHIPPED_CONFIG = Path.of("config", "application.properties");
    private static final String URL_KEY = "mirror.jdbc.url";

    private Engines() {
    }

    /** The embedded default of config/application.properties in the working folder. */
    static BenchMirror.Kind embeddedDefault() {
        try (Reader reader = Files.newBufferedReader(SHIPPED_CONFIG)) {
            return embeddedDefault(reader);
        } catch (IOException e) {
            throw new BenchException("Cannot read " + SHIPPED_CONFIG.toAbsolutePath() + " (" + e.getMessage()
                    + "); run the benchmark from the klink-sync project folder.", e);
        }
    }

    /** The engine of mirror.jdbc.url in the properties text; it must be an embedded one. */
    static BenchMirror.Kind embeddedDefault(String properties) {
        return embeddedDefault(new StringReader(properties));
    }

    private static BenchMirror.Kind embeddedDefault(Reader properties) {
        Properties shipped = new Properties();
        try {
            shipped.load(properties);
        } catch (IOException e) {
            throw new BenchException("Cannot read the shipped configuration: " + e.getMessage(), e);
        }
        String url = shipped.getProperty(URL_KEY, "").trim();
        if (url.isEmpty()) {
            throw new BenchException("The shipped configuration sets no " + URL_KEY + "; cannot tell the embedded default.");
        }
        MirrorVendor vendor = MirrorVendor.fromUrl(url);
        if (!vendor.embedded()) {
            throw new BenchException("The shipped " + URL_KEY + " is a " + vendor.folder() + " URL, not an embedded engine;"
                    + " the benchmark holds its targets on the embedded default.");
        }
        return BenchMirror.Kind.of(vendor);
    }

    /**
     * The engines of --engine values (each one name or a comma list, in the order given, each once); none given:
     * PostgreSQL and the embedded default.
     */
    static List<BenchMirror.Kind> parse(List<String> values, BenchMirror.Kind embeddedDefault) {
        Set<BenchMirror.Kind> kinds = new LinkedHashSet<>();
        for (String value : values) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    kinds.add(BenchMirror.Kind.of(name));
                }
            }
        }
        if (kinds.isEmpty()) {
            kinds.add(BenchMirror.Kind.POSTGRESQL);
            kinds.add(embeddedDefault);
        }
        return new ArrayList<>(kinds);
    }

    /** The embedded engines other than the default: measured for information, their targets not held. */
    static List<BenchMirror.Kind> embedded() {
        return List.of(BenchMirror.Kind.SQLITE, BenchMirror.Kind.H2);
    }

    /** Whether the targets are held on the engine: PostgreSQL and the embedded default. */
    static boolean held(BenchMirror.Kind kind, BenchMirror.Kind embeddedDefault) {
        return kind == BenchMirror.Kind.POSTGRESQL || kind == embeddedDefault;
    }

    /** " into ENGINE", with " (information)" when its targets are not held. */
    static String into(BenchMirror.Kind kind, BenchMirror.Kind embeddedDefault) {
        return " into " + kind.label + (kind == embeddedDefault ? " (the embedded default)" : "")
                + (held(kind, embeddedDefault) ? "" : " (information)");
    }
}
