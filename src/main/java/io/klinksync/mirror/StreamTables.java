package io.klinksync.mirror;

import io.klinksync.streams.StreamDeclaration;
import io.klinksync.streams.StreamDeclarations;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each stream writes, built from its declaration (config/streams/NAME.stream.yaml): its parent table, the
 * child tables replaced with it, shared tables upserted by key, and the mapper (the declared mapper class, else
 * the generic mapping of the declared columns). Adding a stream is adding a declaration.
 */
public record StreamTables(String stream, MirrorTable parent, List<MirrorTable> children, List<MirrorTable> shared,
                           RecordMapper mapper) {

    /**
     * The streams of the declarations in use: those of the config folder the last mirror was opened with
     * ({@link #use}), else those of the default config folder (KLINK_CONFIG, else ./config).
     */
    private static volatile Map<String, StreamTables> registry;

    /** A stream's tables and mapper as its declaration gives them. */
    public static StreamTables from(StreamDeclaration declared) {
        MirrorTable parent = MirrorTable.of(declared.table());
        List<MirrorTable> children = declared.children().stream().map(MirrorTable::of).toList();
        List<MirrorTable> shared = declared.shared().stream().map(MirrorTable::of).toList();
        RecordMapper mapper = declared.mapper() == null ? new GenericRecordMapper(declared) : declaredMapper(declared);
        return new StreamTables(declared.name(), parent, children, shared, mapper);
    }

    /** Makes these declarations the ones {@link #of} answers from (the mirror opened with a config folder). */
    public static Map<String, StreamTables> use(StreamDeclarations declarations) {
        Map<String, StreamTables> tables = new LinkedHashMap<>();
        declarations.all().forEach(declared -> tables.put(declared.name(), from(declared)));
        registry = Collections.unmodifiableMap(tables);
        return registry;
    }

    public static StreamTables of(String stream) {
        StreamTables tables = registry().get(stream);
        if (tables == null) {
            throw new MirrorException("Unknown stream '" + stream + "': the mirror knows " + streams()
                    + ". A new stream needs a declaration, config/streams/" + stream + ".stream.yaml.");
        }
        return tables;
    }

    public static Set<String> streams() {
        return registry().keySet();
    }

    private static Map<String, StreamTables> registry() {
        Map<String, StreamTables> current = registry;
        if (current == null) {
            synchronized (StreamTables.class) {
                current = registry;
                if (current == null) {
                    String env = System.getenv("KLINK_CONFIG");
                    current = use(StreamDeclarations.in(Path.of(env == null || env.isBlank() ? "config" : env)));
                }
            }
        }
        return current;
    }

    /** The mapper class a declaration names, made with the declaration (its tables come from it). */
    private static RecordMapper declaredMapper(StreamDeclaration declared) {
        try {
            Class<?> type = Class.forName(declared.mapper());
            if (!RecordMapper.class.isAssignableFrom(type)) {
                throw new MirrorException(declared.source() + ": mapper " + declared.mapper() + " is not a RecordMapper.");
            }
            return (RecordMapper) type.getConstructor(StreamDeclaration.class).newInstance(declared);
        } catch (ClassNotFoundException e) {
            throw new MirrorException(declared.source() + ": mapper class " + declared.mapper() + " does not exist;"
                    + " remove the mapper key to map the declared columns generically.", e);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new MirrorException(declared.source() + ": mapper " + declared.mapper()
                    + " needs a public constructor taking the StreamDeclaration.", e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new MirrorException("Mapper " + declared.mapper() + " failed to start: " + e.getCause(), e.getCause());
        }
    }

    /** The declared table of this stream called name (its own, a child or a shared one). */
    public static MirrorTable table(StreamDeclaration declared, String name) {
        return declared.tables().stream().filter(t -> t.name().equals(name)).findFirst().map(MirrorTable::of)
                .orElseThrow(() -> new MirrorException(declared.source() + " declares no table '" + name + "'; "
                        + "mapper " + declared.mapper() + " writes it."));
    }

    /** Every table the stream writes: parent, children, then shared tables. */
    public List<MirrorTable> allTables() {
        List<MirrorTable> all = new ArrayList<>();
        all.add(parent);
        all.addAll(children);
        all.addAll(shared);
        return all;
    }
}
