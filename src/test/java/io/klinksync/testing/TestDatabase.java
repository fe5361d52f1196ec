package io.klinksync.testing;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * A fresh, isolated database for one test: an in-memory H2, a new PostgreSQL schema, a new MariaDB
 * database or a SQLite file in a folder of its own, dropped (deleted) on close. PostgreSQL and MariaDB tests skip with a clear message when the server is
 * not reachable, and fail instead when KLINK_REQUIRE_DATABASES=true (as .ci/run sets).
 */
public final class TestDatabase implements AutoCloseable {

    public static final List<String> VENDORS = List.of("h2", "postgresql", "mariadb", "sqlite");

    private static final String PG_HOST = System.getProperty("klink.test.pg", "127.0.0.1:5432/test");
    private static final String MARIADB_HOST = System.getProperty("klink.test.mariadb", "127.0.0.1:3306");

    private final String vendor;
    private final String url;
    private final String user;
    private final String password;
    private final Runnable dropper;

    private TestDatabase(String vendor, String url, String user, String password, Runnable dropper) {
        this.vendor = vendor;
        this.url = url;
        this.user = user;
        this.password = password;
        this.dropper = dropper;
    }

    public static TestDatabase create(String vendor) {
        return switch (vendor) {
            case "h2" -> h2();
            case "postgresql" -> postgres();
            case "mariadb" -> mariadb();
            case "sqlite" -> sqlite();
            default -> throw new IllegalArgumentException("Unknown vendor " + vendor + "; expected one of " + VENDORS);
        };
    }

    public static TestDatabase h2() {
        String name = uniqueName();
        return new TestDatabase("h2", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE", "sa", "", () -> {
        });
    }

    /** An H2 file database, which another process can open after this one lets go of it. */
    public static TestDatabase h2File(java.nio.file.Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve(uniqueName()).toAbsolutePath() + ";NON_KEYWORDS=VALUE";
        return new TestDatabase("h2", url, "sa", "", () -> {
        });
    }

    /** A new SQLite file in a temporary folder of its own; the folder (WAL, lock files and all) goes on close. */
    public static TestDatabase sqlite() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("klink-sqlite-");
            String url = "jdbc:sqlite:" + dir.resolve(uniqueName() + ".db").toAbsolutePath();
            return new TestDatabase("sqlite", url, "", "", () -> deleteTree(dir));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create a folder for a SQLite test database: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(java.nio.file.Path dir) {
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // A temporary folder left behind.
        }
    }

    public static TestDatabase postgres() {
        String admin = "jdbc:postgresql://" + PG_HOST;
        requireServer("PostgreSQL", admin, "postgres", "");
        String schema = uniqueName();
        execute(admin, "postgres", "", "CREATE SCHEMA " + schema);
        return new TestDatabase("postgresql", admin + "?currentSchema=" + schema, "postgres", "",
                () -> execute(admin, "postgres", "", "DROP SCHEMA " + schema + " CASCADE"));
    }

    public static TestDatabase mariadb() {
        String admin = "jdbc:mariadb://" + MARIADB_HOST + "/test";
        requireServer("MariaDB", admin, "root", "");
        String database = uniqueName();
        execute(admin, "root", "", "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        return new TestDatabase("mariadb", "jdbc:mariadb://" + MARIADB_HOST + "/" + database, "root", "",
                () -> execute(admin, "root", "", "DROP DATABASE " + database));
    }

    public String vendor() {
        return vendor;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() {
        dropper.run();
    }

    @Override
    public String toString() {
        return vendor;
    }

    private static String uniqueName() {
        return "klink_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static void requireServer(String product, String url, String user, String password) {
        try (Connection ignored = DriverManager.getConnection(url, user, password)) {
            // reachable
        } catch (SQLException e) {
            String message = product + " is not reachable at " + url + " (" + e.getMessage() + "). Start it, or run"
                    + " .ci/run, which starts it.";
            if ("true".equalsIgnoreCase(System.getenv("KLINK_REQUIRE_DATABASES"))) {
                throw new IllegalStateException(message + " Database tests are mandatory here (KLINK_REQUIRE_DATABASES=true).", e);
            }
            Assumptions.abort("Skipping: " + message);
        }
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run '" + sql + "' on " + url + ": " + e.getMessage(), e);
        }
    }
}
