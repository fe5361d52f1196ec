package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Predicate;

/** What differs between the cursor-paged resources (conversations, groups): write rules and list filters. */
interface RecordRules {

    /** Singular noun for messages, e.g. conversation. */
    String noun();

    /** The new record in its read shape, from a validated create body. */
    ObjectNode create(ObjectNode body, String id);

    /** The record after a partial update (only the fields present in the body change). */
    ObjectNode update(ObjectNode existing, ObjectNode body);

    /** The list filter for the request's query parameters, or null for none. */
    Predicate<byte[]> filter(SandboxRequest request);
}
