package io.klinksync.bench;

import java.nio.file.Path;
import java.util.Locale;

/** An empty mirror database for one measured sync: a new embedded-H2 file or a new PostgreSQL schema, dropped on close. */
final class BenchMirror implements AutoCloseable {

    enum Kind {
        H2("embedded H2"), POSTGRESQL("PostgreSQL");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        static Kind of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    private final String url;
    private final String user;
    private final Runnable drop;

    private BenchMirror(String url, String user, Runnable drop) {
        this.url = url;
        this.user = user;
        this.drop = drop;
    }

    static BenchMirror fresh(Kind kind, BenchSetup setup, String label) {
        if (kind == Kind.H2) {
            Path folder = setup.work().resolve(label);
            return new BenchMirror(H2Files.fresh(folder), "sa", () -> H2Files.delete(folder));
        }
        PostgresSchemas schemas = new PostgresSchemas(setup.postgresUrl(), setup.postgresUser());
        String schema = schemas.create(label);
        return new BenchMirror(schemas.url(schema), schemas.user(), () -> schemas.drop(schema));
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    @Override
    public void close() {
        drop.run();
    }
}
