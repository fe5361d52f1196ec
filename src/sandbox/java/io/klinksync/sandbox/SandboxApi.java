package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The documented endpoints of one deployment: maps a path below the base path to the resource of the
 * stream the deployment offers there, and applies paging drift after list pages when a test asked for it.
 */
final class SandboxApi {

    /** Index of the first record inserted by drift, far above any synthetic index so ids never collide. */
    private static final long DRIFT_INDEX_BASE = 1_000_000_000L;

    private final Deployment deployment;
    private final SandboxStore store;
    private final SandboxKnobs knobs;
    private final SyntheticData synthetic;
    /** Stream name and path, longest path first. */
    private final List<Map.Entry<String, String>> streams;
    private final CursorResource conversations;
    private final CursorResource groups;
    private final ContactsResource contacts;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong drifted = new AtomicLong(DRIFT_INDEX_BASE);
    private final WalkHooks hooks;
    /** Extra list resources by path (SandboxOptions.listResource): their records, and whether cursor-paged. */
    private final Map<String, RecordTable> lists = new ConcurrentHashMap<>();
    private final Map<String, Boolean> cursorPaged = new ConcurrentHashMap<>();

    SandboxApi(Deployment deployment, SandboxStore store, SandboxKnobs knobs, SyntheticData synthetic, Clock clock) {
        this.deployment = deployment;
        this.store = store;
        this.knobs = knobs;
        this.synthetic = synthetic;
        this.hooks = new WalkHooks(new StoreMutations(store, synthetic));
        this.streams = new ArrayList<>(deployment.paths().entrySet());
        this.streams.sort(Comparator.comparingInt((Map.Entry<String, String> s) -> s.getValue().length()).reversed());
        int max = deployment.maxPageSize();
        this.conversations = new CursorResource(store.conversations(), new ConversationRules(clock),
                () -> synthetic.shortId("created-conversation", created.incrementAndGet()), max);
        this.groups = new CursorResource(store.groups(),
                new GroupRules(clock, () -> synthetic.shortId("created-group-conversation", created.incrementAndGet())),
                () -> synthetic.shortId("created-group", created.incrementAndGet()), max);
        this.contacts = new ContactsResource(store.contacts(), new ContactWrites(store, deployment.contactNameField()),
                () -> SyntheticData.contactId(-1, created.incrementAndGet()), max, deployment.contactUpdateMethod());
    }

    /** Serves the records of the resource's JSON file at its path. */
    void serve(SandboxOptions.ListResource resource) {
        RecordTable table = new RecordTable(resource.path());
        try {
            JsonNode records = SandboxResponse.JSON.readTree(resource.records().toFile());
            if (!records.isArray()) {
                throw new IllegalArgumentException(resource.records() + " must hold a JSON array of records.");
            }
            records.forEach(table::insert);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the records of " + resource.path() + " from " + resource.records(), e);
        }
        lists.put(resource.path(), table);
        cursorPaged.put(resource.path(), resource.paging().equals("cursor"));
    }

    SandboxResponse handle(SandboxRequest request) {
        String path = request.relativePath();
        RecordTable list = lists.get(path);
        if (list != null) {
            if (!request.method().equals("GET")) {
                throw methodNotAllowed(request, "GET");
            }
            return cursorPaged.get(path) ? Pagination.cursorPage(list, request, deployment.maxPageSize(), null)
                    : Pagination.numberedPage(list, request, deployment.maxPageSize());
        }
        for (Map.Entry<String, String> stream : streams) {
            if (path.equals(stream.getValue())) {
                SandboxResponse response = collection(stream.getKey(), request);
                if (request.method().equals("GET")) {
                    applyDrift(stream.getKey());
                    hooks.listRequestServed(stream.getKey());
                }
                return response;
            }
        }
        for (Map.Entry<String, String> stream : streams) {
            String prefix = stream.getValue() + "/";
            if (path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0 && path.length() > prefix.length()) {
                String id = URLDecoder.decode(path.substring(prefix.length()), StandardCharsets.UTF_8);
                return item(stream.getKey(), request, id);
            }
        }
        throw ApiError.notFound("No endpoint " + request.method() + " " + request.path() + " on this " + deployment.title()
                + " sandbox; it serves " + deployment.paths().values().stream()
                .map(served -> deployment.basePath() + served).toList() + ".");
    }

    WalkHooks hooks() {
        return hooks;
    }

    private SandboxResponse collection(String stream, SandboxRequest request) {
        return switch (stream) {
            case SandboxStore.CONVERSATIONS -> conversations.collection(request);
            case SandboxStore.GROUPS -> groups.collection(request);
            case SandboxStore.CONTACTS -> contacts.collection(request);
            default -> {
                if (!request.method().equals("GET")) {
                    throw methodNotAllowed(request, "GET");
                }
                yield Pagination.numberedPage(store.table(stream), request, deployment.maxPageSize());
            }
        };
    }

    private SandboxResponse item(String stream, SandboxRequest request, String id) {
        return switch (stream) {
            case SandboxStore.CONVERSATIONS -> conversations.item(request, id);
            case SandboxStore.GROUPS -> groups.item(request, id);
            case SandboxStore.CONTACTS -> contacts.item(request, id);
            default -> throw ApiError.notFound("No endpoint " + request.method() + " " + request.path()
                    + ": " + stream + " is only listed, not retrieved one by one.");
        };
    }

    /** Deletes and inserts at the front of the list, so the next page's offsets no longer match the last one's. */
    private void applyDrift(String stream) {
        SandboxKnobs.Drift drift = knobs.drift(stream);
        if (drift == null) {
            return;
        }
        RecordTable table = store.table(stream);
        table.deleteFirst(drift.deletesPerPage());
        for (int n = 0; n < drift.insertsPerPage(); n++) {
            long i = drifted.incrementAndGet();
            switch (stream) {
                case SandboxStore.CONTACTS -> table.insert(SyntheticData.contactId(synthetic.seed(), i),
                        synthetic.contact(i, store), true);
                case SandboxStore.CONVERSATIONS -> table.insert(synthetic.shortId("conversation", i),
                        synthetic.conversation(i, null), true);
                case SandboxStore.GROUPS -> table.insert(synthetic.shortId("group", i), synthetic.group(i), true);
                default -> throw new IllegalArgumentException("Drift is supported for contacts, conversations and groups,"
                        + " not " + stream + ".");
            }
        }
    }

    static ApiError methodNotAllowed(SandboxRequest request, String allowed) {
        return new ApiError(405, "Method " + request.method() + " is not allowed on " + request.path()
                + "; allowed: " + allowed + ".");
    }
}
