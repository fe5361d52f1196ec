package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns one record of a stream, in the list endpoint's read shape, into mirror rows. */
public interface RecordMapper {

    MappedRecord map(JsonNode record);
}
