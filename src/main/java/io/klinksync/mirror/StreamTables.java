package io.klinksync.mirror;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each stream writes: its parent table, the child tables replaced with it, shared tables upserted
 * by key, and the mapper. Adding a stream means a mapper, one line in {@link #REGISTRY} and a migration.
 */
public record StreamTables(String stream, MirrorTable parent, List<MirrorTable> children, List<MirrorTable> shared,
                           RecordMapper mapper) {

    private static final Map<String, StreamTables> REGISTRY = new LinkedHashMap<>();

    static {
        register(new StreamTables(ConversationMapper.STREAM, ConversationMapper.CONVERSATIONS, List.of(), List.of(),
                new ConversationMapper()));
        register(new StreamTables(GroupMapper.STREAM, GroupMapper.CHAT_GROUPS, List.of(GroupMapper.GROUP_MEMBERS),
                List.of(), new GroupMapper()));
        register(new StreamTables(ContactMapper.STREAM, ContactMapper.CONTACTS,
                List.of(ContactMapper.CONTACT_EMAILS, ContactMapper.CONTACT_PHONES, ContactMapper.CONTACT_TAGS,
                        ContactMapper.CONTACT_CUSTOM_FIELD_VALUES),
                List.of(ContactMapper.COMPANIES), new ContactMapper()));
        register(new StreamTables(ContactGroupMapper.STREAM, ContactGroupMapper.CONTACT_GROUPS, List.of(), List.of(),
                new ContactGroupMapper()));
        register(new StreamTables(ContactFieldMapper.STREAM, ContactFieldMapper.CONTACT_FIELDS,
                List.of(ContactFieldMapper.CONTACT_FIELD_OPTIONS), List.of(), new ContactFieldMapper()));
    }

    private static void register(StreamTables tables) {
        REGISTRY.put(tables.stream(), tables);
    }

    public static StreamTables of(String stream) {
        StreamTables tables = REGISTRY.get(stream);
        if (tables == null) {
            throw new MirrorException("Unknown stream '" + stream + "': the mirror knows " + streams()
                    + ". A new stream needs a mapper and a registration in StreamTables.");
        }
        return tables;
    }

    public static Set<String> streams() {
        return REGISTRY.keySet();
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
