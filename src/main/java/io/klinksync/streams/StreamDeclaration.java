package io.klinksync.streams;

import io.klinksync.api.Paging;

import java.nio.file.Path;
import java.util.List;

/**
 * One stream as config/streams/NAME.stream.yaml declares it: everything about it that does not vary between
 * deployments. A profile adds only its path, whether it is offered, and a paging override.
 *
 * @param mapper the class of a mapper with logic, or null for the generic mapping of the declared columns
 */
public record StreamDeclaration(String name, String description, int order, Paging paging, String records,
                                String primaryKey, String schedule, TableDeclaration table,
                                List<TableDeclaration> children, List<TableDeclaration> shared, String mapper,
                                Path source) {

    /** Every table the stream writes: its own, its children, then shared tables. */
    public List<TableDeclaration> tables() {
        return java.util.stream.Stream.of(List.of(table), children, shared).flatMap(List::stream).toList();
    }
}
