package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Contacts with their quirks: page paging and keyword search, a bare object on create, a wrapped one on
 * retrieve, envelopes with null data on update and delete, and writes in a shape other than reads.
 */
final class ContactsResource {

    /** A keyword search and its result, reused while the table does not change (paging through results). */
    private record Search(String keyword, long version, List<byte[]> matches) {
    }

    private final RecordTable table;
    private final ContactWrites writes;
    private final Supplier<String> newIds;
    private final int maxPageSize;
    private final String updateMethod;
    private volatile Search lastSearch;

    ContactsResource(RecordTable table, ContactWrites writes, Supplier<String> newIds, int maxPageSize,
                     String updateMethod) {
        this.table = table;
        this.writes = writes;
        this.newIds = newIds;
        this.maxPageSize = maxPageSize;
        this.updateMethod = updateMethod;
    }

    SandboxResponse collection(SandboxRequest request) {
        return switch (request.method()) {
            case "GET" -> list(request);
            case "POST" -> {
                ObjectNode created = writes.create(request.jsonObject(), newIds.get());
                table.insert(created);
                yield SandboxResponse.json(201, created);
            }
            default -> throw SandboxApi.methodNotAllowed(request, "GET, POST");
        };
    }

    SandboxResponse item(SandboxRequest request, String id) {
        String method = request.method();
        if (method.equals("GET")) {
            return SandboxResponse.envelope("contact", existing(id));
        }
        if (method.equals(updateMethod)) {
            ObjectNode body = request.jsonObject();
            ObjectNode updated = writes.update((ObjectNode) RecordTable.parse(existing(id)), body);
            if (!table.replace(updated)) {
                throw notFound(id);
            }
            return SandboxResponse.envelope("updating contact", null);
        }
        if (method.equals("DELETE")) {
            if (!table.delete(id)) {
                throw notFound(id);
            }
            return SandboxResponse.envelope("deleting contact", null);
        }
        throw SandboxApi.methodNotAllowed(request, "GET, " + updateMethod + ", DELETE");
    }

    private SandboxResponse list(SandboxRequest request) {
        String keyword = request.param("keyword");
        if (keyword == null || keyword.isBlank()) {
            return Pagination.numberedPage(table, request, maxPageSize);
        }
        return Pagination.numberedPage(search(keyword.trim().toLowerCase(Locale.ROOT)), request, maxPageSize);
    }

    private List<byte[]> search(String keyword) {
        long version = table.version();
        Search cached = lastSearch;
        if (cached != null && cached.version() == version && cached.keyword().equals(keyword)) {
            return cached.matches();
        }
        List<byte[]> matches = table.matching(bytes -> matches(bytes, keyword));
        lastSearch = new Search(keyword, version, matches);
        return matches;
    }

    /** Substring match, any case, on the name and on every email and phone. */
    private static boolean matches(byte[] bytes, String keyword) {
        if (!new String(bytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains(keyword)) {
            return false;
        }
        JsonNode contact = RecordTable.parse(bytes);
        if (contains(contact.path("name"), keyword)) {
            return true;
        }
        for (JsonNode email : contact.path("email")) {
            if (contains(email.path("email"), keyword)) {
                return true;
            }
        }
        for (JsonNode phone : contact.path("phone")) {
            if (contains(phone.path("phone"), keyword)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode value, String keyword) {
        return value.isTextual() && value.asText().toLowerCase(Locale.ROOT).contains(keyword);
    }

    private byte[] existing(String id) {
        byte[] bytes = table.bytes(id);
        if (bytes == null) {
            throw notFound(id);
        }
        return bytes;
    }

    private static ApiError notFound(String id) {
        return ApiError.notFound("No contact with id '" + id + "'.");
    }
}
