package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Rewrites a well-formed list page so that it tells one of the lies of {@link PageLie}. */
final class PageLies {

    static final int FIELD_LAST_PAGE = 72_816_967;
    static final int FIELD_PAGE = -73_915_555;
    static final int FIELD_TOTAL = -75_865_340;

    private PageLies() {
    }

    /** The lying version of body, or body itself when it is not a list page (an error, a single record). */
    static byte[] apply(PageLie lie, byte[] body, SandboxRequest request) {
        JsonNode parsed = parse(body);
        if (!(parsed instanceof ObjectNode page) || !page.path("data").isArray()) {
            return body;
        }
        boolean numbered = page.has("lastPage");
        switch (lie) {
            case NEGATIVE_PAGE -> page.put("page", FIELD_PAGE);
            case NEGATIVE_TOTAL -> page.put("total", FIELD_TOTAL);
            case LAST_PAGE_BEYOND_TOTAL -> page.put("lastPage", FIELD_LAST_PAGE);
            case PAGE_SIZE_ABOVE_ASKED -> {
                if (numbered) {
                    int lied = 2 * Math.max(page.path("pageSize").asInt(), request.intParam("pageSize", 1, 1));
                    page.put("pageSize", lied);
                    page.put("lastPage", Math.max(1, (page.path("total").asInt() + lied - 1) / lied));
                }
            }
            case BOOLEAN_IDS -> booleanIds(page);
            case AS_SEEN_IN_THE_FIELD -> {
                if (numbered) {
                    page.put("lastPage", FIELD_LAST_PAGE);
                    page.put("page", FIELD_PAGE);
                    page.put("total", FIELD_TOTAL);
                }
                booleanIds(page);
            }
        }
        return write(page);
    }

    private static void booleanIds(ObjectNode page) {
        for (JsonNode record : page.get("data")) {
            if (record instanceof ObjectNode object) {
                object.put("id", true);
            }
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body == null) {
            return null;
        }
        try {
            return SandboxResponse.JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] write(JsonNode page) {
        try {
            return SandboxResponse.JSON.writeValueAsBytes(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
