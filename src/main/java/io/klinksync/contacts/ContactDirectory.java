package io.klinksync.contacts;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/** Where the planner finds existing contacts (read shape): the mirror database. */
public interface ContactDirectory {

    Optional<JsonNode> byId(String id);

    /** Live contacts having this email (any position), for matching by the row's primary email. */
    List<JsonNode> byEmail(String email);

    /** Live contacts having this phone (any position), for matching by the row's primary phone. */
    List<JsonNode> byPhone(String phone);
}
