package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Supplier;

/** A cursor-paged resource (conversations, groups): list, create, retrieve, update, delete, never wrapped. */
final class CursorResource {

    private final RecordTable table;
    private final RecordRules rules;
    private final Supplier<String> newIds;
    private final int maxPageSize;

    CursorResource(RecordTable table, RecordRules rules, Supplier<String> newIds, int maxPageSize) {
        this.table = table;
        this.rules = rules;
        this.newIds = newIds;
        this.maxPageSize = maxPageSize;
    }

    SandboxResponse collection(SandboxRequest request) {
        return switch (request.method()) {
            case "GET" -> Pagination.cursorPage(table, request, maxPageSize, rules.filter(request));
            case "POST" -> {
                ObjectNode created = rules.create(request.jsonObject(), newIds.get());
                table.insert(created);
                yield SandboxResponse.json(201, created);
            }
            default -> throw SandboxApi.methodNotAllowed(request, "GET, POST");
        };
    }

    SandboxResponse item(SandboxRequest request, String id) {
        switch (request.method()) {
            case "GET" -> {
                return SandboxResponse.raw(200, existing(id));
            }
            case "PUT" -> {
                ObjectNode body = request.jsonObject();
                ObjectNode updated = rules.update((ObjectNode) RecordTable.parse(existing(id)), body);
                if (!table.replace(updated)) {
                    throw notFound(id);
                }
                return SandboxResponse.json(200, updated);
            }
            case "DELETE" -> {
                if (!table.delete(id)) {
                    throw notFound(id);
                }
                return SandboxResponse.noContent();
            }
            default -> throw SandboxApi.methodNotAllowed(request, "GET, PUT, DELETE");
        }
    }

    private byte[] existing(String id) {
        byte[] bytes = table.bytes(id);
        if (bytes == null) {
            throw notFound(id);
        }
        return bytes;
    }

    private ApiError notFound(String id) {
        return ApiError.notFound("No " + rules.noun() + " with id '" + id + "'.");
    }
}
