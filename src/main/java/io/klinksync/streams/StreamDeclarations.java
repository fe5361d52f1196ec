package io.klinksync.streams;

import io.klinksync.api.Paging;
import io.klinksync.config.ConfigurationException;
import io.klinksync.config.Settings;
import io.klinksync.mirror.ColumnType;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the stream declarations of a config folder (streams/NAME.stream.yaml), strictly: an unknown key, a
 * missing one or a wrong type is one line naming the file and the key, so a typo never becomes a silent default.
 */
public final class StreamDeclarations {

    public static final String DIR = "streams";
    private static final String SUFFIX = ".stream.yaml";
    private static final String SHIPPED = "/klink-defaults/" + DIR;

    private static final Set<String> STREAM_KEYS = Set.of("name", "description", "order", "paging", "records",
            "primary-key", "schedule", "table", "mapper", "columns", "children", "shared");
    private static final Set<String> TABLE_KEYS = Set.of("table", "from", "parent-key", "key", "position", "columns");
    private static final Set<String> COLUMN_KEYS = Set.of("name", "type", "from", "length", "index", "lower-of");

    private final List<StreamDeclaration> streams;

    private StreamDeclarations(List<StreamDeclaration> streams) {
        this.streams = streams;
    }

    /** The declarations of the settings' config folder. */
    public static StreamDeclarations of(Settings settings) {
        return in(settings.configDir());
    }

    /**
     * The declarations of a config folder: its streams/ folder, or, for a folder without one (a config folder
     * written before streams were declared, e.g. a mounted volume), the declarations this build ships.
     */
    public static StreamDeclarations in(Path configDir) {
        Path dir = configDir.resolve(DIR);
        return Files.isDirectory(dir) ? load(dir) : shipped();
    }

    /** The declarations built into the jar (config/streams at build time; see the pom's resources). */
    public static StreamDeclarations shipped() {
        URL url = StreamDeclarations.class.getResource(SHIPPED);
        if (url == null) {
            throw new ConfigurationException("No stream declarations: the config folder has no " + DIR
                    + "/ folder and this build ships none (" + SHIPPED + ").");
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return load(Path.of(uri));
            }
            FileSystem jar;
            try {
                jar = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(uri);
            }
            return load(jar.getPath(SHIPPED));
        } catch (URISyntaxException | IOException e) {
            throw new ConfigurationException("Cannot read the shipped stream declarations at " + url + ": " + e.getMessage());
        }
    }

    /**
     * Every *.stream.yaml of the folder, in the order a full sync runs them. The settings, the profile and the
     * schedules each ask for them, so a folder whose files are unchanged (names, sizes, modification times) is
     * read once.
     */
    public static StreamDeclarations load(Path dir) {
        List<Path> files;
        List<String> stamp = new ArrayList<>();
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
            for (Path file : files) {
                stamp.add(file.getFileName() + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file));
            }
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the stream declarations in " + dir + " (" + e.getMessage()
                    + "); klink-sync reads one NAME.stream.yaml per stream from streams/ in its config folder.");
        }
        if (files.isEmpty()) {
            throw new ConfigurationException("No stream declarations (NAME.stream.yaml) in " + dir + ".");
        }
        Read cached = READ.get(dir.toUri());
        if (cached != null && cached.stamp().equals(stamp)) {
            return cached.declarations();
        }
        StreamDeclarations declarations = readAll(files);
        READ.put(dir.toUri(), new Read(List.copyOf(stamp), declarations));
        return declarations;
    }

    /** A folder's declarations as last read, with the file stamps they were read at. */
    private record Read(List<String> stamp, StreamDeclarations declarations) {
    }

    private static final Map<URI, Read> READ = new java.util.concurrent.ConcurrentHashMap<>();

    private static StreamDeclarations readAll(List<Path> files) {
        List<StreamDeclaration> streams = new ArrayList<>();
        for (Path file : files) {
            StreamDeclaration stream = read(file);
            if (streams.stream().anyMatch(s -> s.name().equals(stream.name()))) {
                throw new ConfigurationException(file + ": stream '" + stream.name() + "' is declared twice.");
            }
            streams.add(stream);
        }
        streams.sort(Comparator.comparingInt(StreamDeclaration::order).thenComparing(StreamDeclaration::name));
        return new StreamDeclarations(List.copyOf(streams));
    }

    /** The declared streams, in the order a full sync runs them. */
    public List<StreamDeclaration> all() {
        return streams;
    }

    public List<String> names() {
        return streams.stream().map(StreamDeclaration::name).toList();
    }

    public StreamDeclaration get(String name) {
        return streams.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigurationException("Unknown stream '" + name + "': the declared streams are "
                        + names() + " (config/" + DIR + "/NAME" + SUFFIX + ")."));
    }

    static StreamDeclaration read(Path file) {
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromReader(reader);
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException(file + " is not readable YAML: " + e.getMessage());
        }
        Node root = new Node(file, "", document);
        root.only(STREAM_KEYS);
        String name = root.text("name", null);
        if (!file.getFileName().toString().equals(name + SUFFIX)) {
            throw new ConfigurationException(file + ": name is '" + name + "', but the file must be called " + name
                    + SUFFIX + ".");
        }
        String paging = root.text("paging", null);
        Paging style;
        try {
            style = Paging.valueOf(paging.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw root.wrong("paging", "cursor or page", paging);
        }
        TableDeclaration table = new TableDeclaration(root.text("table", name), null, null,
                List.of(root.text("primary-key", "id")), false, columns(root));
        if (table.columns().stream().noneMatch(c -> c.name().equals(table.key().get(0)))) {
            throw new ConfigurationException(file + ": the primary key '" + table.key().get(0)
                    + "' is not one of the declared columns.");
        }
        return new StreamDeclaration(name, root.text("description", ""), root.integer("order", 100), style,
                root.text("records", "data"), table.key().get(0), root.text("schedule", null), table,
                tables(root, "children", true), tables(root, "shared", false), root.optional("mapper"), file);
    }

    private static List<TableDeclaration> tables(Node root, String key, boolean children) {
        List<TableDeclaration> tables = new ArrayList<>();
        for (Node node : root.list(key)) {
            node.only(TABLE_KEYS);
            List<String> tableKey = node.texts("key");
            tables.add(new TableDeclaration(node.text("table", null), node.text("from", null),
                    children ? node.text("parent-key", null) : null, tableKey,
                    children && node.bool("position"), columns(node)));
        }
        return List.copyOf(tables);
    }

    private static List<ColumnDeclaration> columns(Node owner) {
        List<ColumnDeclaration> columns = new ArrayList<>();
        for (Node node : owner.list("columns")) {
            node.only(COLUMN_KEYS);
            String type = node.text("type", null);
            ColumnType columnType;
            try {
                columnType = ColumnType.valueOf(type.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw node.wrong("type", "text, boolean, integer or timestamp", type);
            }
            String name = node.text("name", null);
            Integer length = node.has("length") ? node.integer("length", 0) : null;
            columns.add(new ColumnDeclaration(name, columnType, node.text("from", name), length, node.bool("index"),
                    node.optional("lower-of")));
        }
        if (columns.isEmpty()) {
            throw new ConfigurationException(owner.file + ": " + owner.where("columns") + " declares no column.");
        }
        return List.copyOf(columns);
    }

    /** A YAML mapping with the file and path it came from, for messages. */
    private record Node(Path file, String path, Object value) {

        Map<?, ?> map() {
            if (value instanceof Map<?, ?> map) {
                return map;
            }
            throw new ConfigurationException(file + ": " + (path.isEmpty() ? "the file" : path) + " must be a mapping of keys.");
        }

        String where(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        boolean has(String key) {
            return map().get(key) != null;
        }

        void only(Set<String> keys) {
            for (Object key : map().keySet()) {
                if (!keys.contains(String.valueOf(key))) {
                    throw new ConfigurationException(file + ": unknown key '" + where(String.valueOf(key))
                            + "'; expected one of " + keys.stream().sorted().toList() + ".");
                }
            }
        }

        /** The key's text, or fallback when absent; a null fallback makes the key required. */
        String text(String key, String fallback) {
            Object found = map().get(key);
            if (found == null) {
                if (fallback == null) {
                    throw new ConfigurationException(file + ": '" + where(key) + "' is required.");
                }
                return fallback;
            }
            if (found instanceof Map || found instanceof List) {
                throw wrong(key, "a single value", found);
            }
            return String.valueOf(found).strip();
        }

        /** The key's text, or null when absent. */
        String optional(String key) {
            return has(key) ? text(key, "") : null;
        }

        int integer(String key, int fallback) {
            Object found = map().get(key);
            if (found == null) {
                return fallback;
            }
            if (!(found instanceof Number number)) {
                throw wrong(key, "a whole number", found);
            }
            return number.intValue();
        }

        boolean bool(String key) {
            Object found = map().get(key);
            if (found == null) {
                return false;
            }
            if (!(found instanceof Boolean flag)) {
                throw wrong(key, "true or false", found);
            }
            return flag;
        }

        List<String> texts(String key) {
            Object found = map().get(key);
            if (!(found instanceof List<?> list) || list.isEmpty()) {
                throw wrong(key, "a list such as [id]", found);
            }
            return list.stream().map(String::valueOf).toList();
        }

        List<Node> list(String key) {
            Object found = map().get(key);
            if (found == null) {
                return List.of();
            }
            if (!(found instanceof List<?> list)) {
                throw wrong(key, "a list", found);
            }
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                nodes.add(new Node(file, where(key) + "[" + i + "]", list.get(i)));
            }
            return nodes;
        }

        ConfigurationException wrong(String key, String expected, Object found) {
            return new ConfigurationException(file + ": '" + where(key) + "' is " + (found == null ? "missing" : "'" + found + "'")
                    + "; expected " + expected + ".");
        }
    }

    /** The declarations as a map by name, in sync order. */
    public Map<String, StreamDeclaration> byName() {
        Map<String, StreamDeclaration> byName = new LinkedHashMap<>();
        streams.forEach(s -> byName.put(s.name(), s));
        return byName;
    }
}
