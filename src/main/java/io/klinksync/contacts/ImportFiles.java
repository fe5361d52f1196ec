package io.klinksync.contacts;

import java.nio.file.Path;

/** Names of the files an import writes beside its input: NAME.plan.csv, NAME.success.csv, NAME.errors.csv. */
public final class ImportFiles {

    private ImportFiles() {
    }

    public static Path plan(Path input) {
        return sibling(input, "plan");
    }

    public static Path success(Path input) {
        return sibling(input, "success");
    }

    public static Path errors(Path input) {
        return sibling(input, "errors");
    }

    private static Path sibling(Path input, String kind) {
        String name = input.getFileName().toString();
        String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return input.resolveSibling(base + "." + kind + ".csv");
    }
}
