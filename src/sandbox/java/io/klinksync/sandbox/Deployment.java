package io.klinksync.sandbox;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The deployment a sandbox imitates: its title, base URL, the path of each resource it serves, and its write
 * quirks. Plain values, so that the sandbox needs nothing of the product: where the product starts a sandbox it
 * passes its own profile's values in; given only a name, the sandbox reads the deployment's file
 * (config/providers/NAME.properties) itself.
 *
 * @param paths stream name to its path below the base URL (each starting with /)
 */
public record Deployment(String name, String title, URI baseUrl, Map<String, String> paths, int maxPageSize,
                         String contactNameField, String contactUpdateMethod) {

    /** The resources the sandbox holds data for, in the order a deployment file lists them. */
    private static final List<String> STREAMS = List.of(SandboxStore.CONTACT_FIELDS, SandboxStore.CONTACT_GROUPS,
            SandboxStore.CONTACTS, SandboxStore.GROUPS, SandboxStore.CONVERSATIONS);

    public Deployment {
        String base = baseUrl.toString();
        baseUrl = base.endsWith("/") ? URI.create(base.substring(0, base.length() - 1)) : baseUrl;
        Map<String, String> slashed = new LinkedHashMap<>();
        paths.forEach((stream, path) -> slashed.put(stream, path.startsWith("/") ? path : "/" + path));
        paths = Collections.unmodifiableMap(slashed);
    }

    /**
     * Reads CONFIG_DIR/providers/NAME.properties: provider.title, provider.base-url, provider.STREAM.path,
     * provider.max-page-size, provider.contacts.create.name-field and provider.contacts.update.method.
     */
    public static Deployment load(Path configDir, String name) {
        Path file = configDir.resolve("providers").resolve(name + ".properties");
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("The sandbox cannot read the deployment '" + name + "' from " + file
                    + ": " + e.getMessage(), e);
        }
        String base = properties.getProperty("provider.base-url", "").trim();
        if (base.isEmpty()) {
            throw new IllegalArgumentException(file + " has no provider.base-url.");
        }
        Map<String, String> paths = new LinkedHashMap<>();
        for (String stream : STREAMS) {
            String path = properties.getProperty("provider." + stream + ".path", "").trim();
            if (!path.isEmpty()) {
                paths.put(stream, path);
            }
        }
        return new Deployment(name, properties.getProperty("provider.title", name).trim(), URI.create(base), paths,
                Integer.parseInt(properties.getProperty("provider.max-page-size", "100").trim()),
                properties.getProperty("provider.contacts.create.name-field", "name").trim(),
                properties.getProperty("provider.contacts.update.method", "PUT").trim().toUpperCase(Locale.ROOT));
    }

    /** The path part of the base URL, e.g. /api/v1 (empty when the API sits at the root). */
    public String basePath() {
        String path = baseUrl.getRawPath();
        return path == null ? "" : path;
    }

    /** The path of a stream below the base URL, e.g. /contacts. */
    public String path(String stream) {
        String path = paths.get(stream);
        if (path == null) {
            throw new IllegalArgumentException("The " + title + " sandbox serves no stream '" + stream + "'; it serves "
                    + paths.keySet() + ".");
        }
        return path;
    }
}
