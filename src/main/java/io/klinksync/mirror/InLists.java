package io.klinksync.mirror;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Ids cut into IN lists a statement each, so no statement passes a vendor's bind-parameter limit. */
final class InLists {

    /** Ids per IN list, well below every vendor's bind-parameter limit. */
    private static final int IN_LIST_CHUNK = 1000;

    private InLists() {
    }

    static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IN_LIST_CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + IN_LIST_CHUNK)));
        }
        return chunks;
    }
}
