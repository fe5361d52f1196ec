package io.klinksync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU seconds (user + sys) of one sync: its JVM and the PostgreSQL backends serving it (found by the JDBC
 * ApplicationName the sync connects with), read from /proc/PID/stat every SAMPLE_MILLIS while it runs. A backend's
 * last interval before it ends is missed, at most SAMPLE_MILLIS of CPU per connection.
 */
final class CpuMeter implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 100;
    /** USER_HZ of Linux's /proc, the same on every common kernel build. */
    private static final double TICKS_PER_SECOND = 100.0;
    /** utime and stime, 0-based fields of /proc/PID/stat (man 5 proc numbers them 14 and 15). */
    private static final int UTIME_FIELD = 13;
    private static final int STIME_FIELD = 14;

    private final long jvmPid;
    private final String serverUrl;
    private final String user;
    private final String applicationName;
    private final Map<Long, Long> backendTicks = new HashMap<>();
    private volatile long jvmTicks;
    private volatile boolean running = true;
    private final Thread sampler;

    CpuMeter(long jvmPid, String serverUrl, String user, String applicationName) {
        this.jvmPid = jvmPid;
        this.serverUrl = serverUrl;
        this.user = user;
        this.applicationName = applicationName;
        this.sampler = new Thread(this::sample, "cpu-meter-" + applicationName);
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The JDBC URL with the name the backends are found by. */
    static String tagged(String jdbcUrl, String applicationName) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "ApplicationName=" + applicationName;
    }

    double jvmSeconds() {
        return jvmTicks / TICKS_PER_SECOND;
    }

    synchronized double databaseSeconds() {
        return backendTicks.values().stream().mapToLong(Long::longValue).sum() / TICKS_PER_SECOND;
    }

    private void sample() {
        try (Connection c = DriverManager.getConnection(serverUrl, user, "");
             PreparedStatement backends = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            backends.setString(1, applicationName);
            while (running) {
                long ticks = ticks(jvmPid);
                if (ticks >= 0) {
                    jvmTicks = ticks;
                }
                try (ResultSet rows = backends.executeQuery()) {
                    while (rows.next()) {
                        long pid = rows.getLong(1);
                        long backend = ticks(pid);
                        if (backend >= 0) {
                            synchronized (this) {
                                backendTicks.merge(pid, backend, Math::max);
                            }
                        }
                    }
                }
                Thread.sleep(SAMPLE_MILLIS);
            }
        } catch (SQLException e) {
            throw new BenchException("Cannot watch the PostgreSQL backends of " + applicationName + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[UTIME_FIELD - 2]) + Long.parseLong(fields[STIME_FIELD - 2]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            sampler.join(SAMPLE_MILLIS * 20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
