package io.klinksync.api;

import io.klinksync.config.ConfigurationException;
import io.klinksync.config.Settings;
import io.klinksync.streams.StreamDeclaration;
import io.klinksync.streams.StreamDeclarations;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A deployment of the API as described by config/providers/NAME.properties: base URL, which of the declared
 * streams (config/streams/NAME.stream.yaml) it offers at which path, the paging of each (the declaration's,
 * unless provider.STREAM.paging overrides it), and the write quirks of that deployment.
 */
public final class Profile {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final String name;
    private final String title;
    private final URI baseUrl;
    private final Map<String, Stream> streams;
    private final int maxPageSize;
    private final String contactNameField;
    private final String contactUpdateMethod;

    /**
     * One resource of the deployment; retrievable when GET path/ID answers one record (or 404 once it is gone);
     * records names the field of a page that holds its records (the declaration's record selector).
     */
    public record Stream(String name, String path, Paging paging, boolean retrievable, String records) {
    }

    private Profile(String name, String title, URI baseUrl, Map<String, Stream> streams, int maxPageSize,
                    String contactNameField, String contactUpdateMethod) {
        this.name = name;
        this.title = title;
        this.baseUrl = baseUrl;
        this.streams = streams;
        this.maxPageSize = maxPageSize;
        this.contactNameField = contactNameField;
        this.contactUpdateMethod = contactUpdateMethod;
    }

    public static Profile from(Settings settings) {
        String name = settings.get("profile");
        String source = "profile '" + name + "' (" + settings.configDir().resolve(Settings.PROVIDERS_DIR)
                .resolve(name + ".properties") + ")";
        String base = settings.blankable("api.base-url");
        if (base.isEmpty()) {
            base = settings.get("provider.base-url", "");
        }
        if (base.isEmpty()) {
            throw new ConfigurationException(source + " has no provider.base-url.");
        }
        URI baseUrl = checkedBaseUrl(base, source);

        StreamDeclarations declared = StreamDeclarations.of(settings);
        Map<String, Stream> streams = new LinkedHashMap<>();
        for (StreamDeclaration declaration : declared.all()) {
            String stream = declaration.name();
            String path = settings.get("provider." + stream + ".path", "");
            if (path.isEmpty()) {
                continue;
            }
            String paging = settings.get("provider." + stream + ".paging", declaration.paging().name());
            Paging style;
            try {
                style = Paging.valueOf(paging.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(source + ": provider." + stream + ".paging is '" + paging
                        + "'; expected cursor or page.");
            }
            boolean retrievable = Boolean.parseBoolean(settings.get("provider." + stream + ".retrieve", "false"));
            streams.put(stream, new Stream(stream, path.startsWith("/") ? path : "/" + path, style, retrievable,
                    declaration.records()));
        }
        if (streams.isEmpty()) {
            throw new ConfigurationException(source + " offers no stream: set provider.STREAM.path for at least one of "
                    + declared.names() + ".");
        }
        String method = settings.get("provider.contacts.update.method", "PUT").toUpperCase(Locale.ROOT);
        if (!method.equals("PUT") && !method.equals("PATCH")) {
            throw new ConfigurationException(source + ": provider.contacts.update.method is '" + method
                    + "'; expected PUT or PATCH.");
        }
        return new Profile(name, settings.get("provider.title", name), baseUrl, streams,
                Integer.parseInt(settings.get("provider.max-page-size", "100")),
                settings.get("provider.contacts.create.name-field", "name"), method);
    }

    private static URI checkedBaseUrl(String base, String source) {
        URI uri;
        try {
            uri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(source + ": base URL '" + base + "' is not a URL.");
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            throw new ConfigurationException(source + ": base URL '" + base + "' needs a scheme and a host, e.g. https://api.example.com/v1.");
        }
        boolean loopback = LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!"https".equals(uri.getScheme()) && !(loopback && "http".equals(uri.getScheme()))) {
            throw new ConfigurationException(source + ": base URL '" + base + "' must use https; plain http is"
                    + " accepted only for localhost (a sandbox), because the token travels in every request.");
        }
        return uri;
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    /** The base URL without a trailing slash, e.g. https://api.klink.cloud/api/v1. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The path part of the base URL, e.g. /api/v1 (empty when the API sits at the root). */
    public String basePath() {
        String path = baseUrl.getRawPath();
        return path == null ? "" : path;
    }

    public Map<String, Stream> streams() {
        return streams;
    }

    public boolean offers(String stream) {
        return streams.containsKey(stream);
    }

    public Stream stream(String stream) {
        Stream found = streams.get(stream);
        if (found == null) {
            throw new ConfigurationException("Profile '" + name + "' does not offer stream '" + stream
                    + "'; it offers " + streams.keySet() + ".");
        }
        return found;
    }

    public int maxPageSize() {
        return maxPageSize;
    }

    /** JSON field that carries the contact's name on create (name, or username on some deployments). */
    public String contactNameField() {
        return contactNameField;
    }

    /** HTTP method that applies specific_update_fields: PUT, or PATCH on klink's newer gateway. */
    public String contactUpdateMethod() {
        return contactUpdateMethod;
    }
}
