package io.klinksync.mirror.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Statement;

/**
 * sync_lock_rows, on a vendor without advisory locks (lock_rows=true in db/vendors/VENDOR.properties; H2): a
 * stream's writer lock is its row here, locked FOR UPDATE by a transaction that stays open for the run. A killed
 * holder's connection ends, and its lock with it. Java, not SQL, because only some vendors have the table and
 * Flyway's SQL has no condition; the statement itself is the same everywhere.
 */
public final class V5_1__Lock_rows extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        if (!Boolean.parseBoolean(context.getConfiguration().getPlaceholders().get("lock_rows"))) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("CREATE TABLE sync_lock_rows (stream VARCHAR(64) PRIMARY KEY) "
                    + context.getConfiguration().getPlaceholders().get("table_options"));
        }
    }
}
