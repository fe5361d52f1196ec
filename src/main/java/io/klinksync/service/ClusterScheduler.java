package io.klinksync.service;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.klinksync.config.ConfigurationException;
import io.klinksync.config.Settings;
import io.klinksync.mirror.MirrorVendor;
import io.klinksync.mirror.NodeId;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * scheduler.clustered=true: Quartz's own JDBC JobStore (JobStoreTX, isClustered=true) in the mirror database,
 * whose tables Flyway created from the DDL the Quartz jar ships. Every node runs the same scheduler name over the
 * same tables; Quartz fires each trigger on one node, keeps a stateful job from running on two nodes at once,
 * and hands the triggers (and a job a dead node was running, as it is recoverable) to the nodes still checking in.
 * Its connections come from a small HikariCP pool of its own, so the cluster's bookkeeping never waits for a
 * sync's page writes, nor they for it.
 */
public final class ClusterScheduler {

    /** The Quartz scheduler name: the same on every node, it is what makes them one cluster. */
    public static final String SCHEDULER_NAME = "klink-sync";
    private static final AtomicInteger PROVIDERS = new AtomicInteger();

    private ClusterScheduler() {
    }

    public static boolean enabled(Settings settings) {
        return settings.getBoolean("scheduler.clustered");
    }

    /**
     * Refuses a cluster on a mirror other nodes cannot share, in one line, before anything opens. Answers whether
     * the cluster is on.
     */
    public static boolean check(Settings settings) {
        if (!enabled(settings)) {
            return false;
        }
        String type = settings.get("mirror.type").toLowerCase(Locale.ROOT);
        if (!"jdbc".equals(type)) {
            throw new ConfigurationException("scheduler.clustered=true needs a PostgreSQL or MariaDB mirror: a CSV mirror"
                    + " is a folder of one machine and cannot hold the cluster's schedule. Set mirror.jdbc.url to"
                    + " jdbc:postgresql://... or jdbc:mariadb://..., or set scheduler.clustered=false.");
        }
        MirrorVendor vendor = MirrorVendor.fromUrl(settings.get("mirror.jdbc.url"));
        if (vendor == MirrorVendor.H2) {
            throw new ConfigurationException("scheduler.clustered=true needs a PostgreSQL or MariaDB mirror: the embedded"
                    + " H2 mirror is a file of one machine that other nodes cannot share. Set mirror.jdbc.url to"
                    + " jdbc:postgresql://... or jdbc:mariadb://..., or set scheduler.clustered=false.");
        }
        return true;
    }

    /** Points camel-quartz at the clustered JobStore; call before the first quartz route is added. */
    public static void configure(CamelContext context, Settings settings, DataSource mirror, MirrorVendor vendor,
                                 int streams) {
        String dataSourceName = "klink-mirror-" + PROVIDERS.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new PoolProvider(ownPool(mirror, streams)));
        Map<String, Object> quartz = new HashMap<>();
        quartz.put("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        quartz.put("org.quartz.scheduler.instanceId", NodeId.current());
        quartz.put("org.quartz.scheduler.skipUpdateCheck", "true");
        quartz.put("org.quartz.scheduler.jmx.export", "false"); // its MBean name cannot hold the node id's colon
        quartz.put("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        quartz.put("org.quartz.threadPool.threadCount", String.valueOf(Math.max(2, streams)));
        quartz.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        quartz.put("org.quartz.jobStore.driverDelegateClass", vendor == MirrorVendor.POSTGRESQL
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        quartz.put("org.quartz.jobStore.dataSource", dataSourceName);
        quartz.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
        quartz.put("org.quartz.jobStore.isClustered", "true");
        quartz.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        quartz.put("org.quartz.jobStore.clusterCheckinInterval", settings.get("scheduler.cluster.checkin-interval"));
        quartz.put("org.quartz.jobStore.misfireThreshold", settings.get("scheduler.misfire-threshold"));
        QuartzComponent component = context.getComponent("quartz", QuartzComponent.class);
        component.setProperties(quartz);
    }

    /** Same database, user and password as the mirror's pool, a few connections: Quartz holds them briefly. */
    private static HikariDataSource ownPool(DataSource mirror, int streams) {
        if (!(mirror instanceof HikariDataSource hikari)) {
            throw new IllegalStateException("the mirror's pool is not HikariCP");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("klink-quartz");
        config.setJdbcUrl(hikari.getJdbcUrl());
        config.setUsername(hikari.getUsername());
        config.setPassword(hikari.getPassword());
        config.setMaximumPoolSize(Math.max(2, streams) + 2);
        config.setMinimumIdle(1);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setInitializationFailTimeout(1);
        return new HikariDataSource(config);
    }

    private record PoolProvider(HikariDataSource pool) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return pool.getConnection();
        }

        @Override
        public void shutdown() {
            pool.close();
        }

        @Override
        public void initialize() {
        }
    }
}
