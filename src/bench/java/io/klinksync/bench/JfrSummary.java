package io.klinksync.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where a measured process spent its time, from its JFR recording: CPU samples by layer (HTTP, JSON, mapping,
 * JDBC driver, Camel, ...) and time blocked (monitor waits, parks, socket reads) by the layer that blocked.
 * A layer is decided by the frame nearest the top of the stack that belongs to a known package.
 */
public final class JfrSummary {

    /** Package prefixes and the layer they stand for; the first match from the top of a stack wins. */
    private static final Map<String, String> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("org.h2.", "H2 database engine");
        LAYERS.put("org.postgresql.", "PostgreSQL JDBC driver");
        LAYERS.put("org.mariadb.", "MariaDB JDBC driver");
        LAYERS.put("com.zaxxer.hikari.", "connection pool");
        LAYERS.put("com.fasterxml.jackson.", "JSON (Jackson)");
        LAYERS.put("io.klinksync.mirror.CanonicalJson", "content hash (canonical JSON + SHA-256)");
        LAYERS.put("io.klinksync.mirror.", "mirror mapping and SQL building");
        LAYERS.put("io.klinksync.contacts.", "contacts import");
        LAYERS.put("io.klinksync.", "klink-sync other");
        LAYERS.put("org.apache.hc.", "HTTP client (Apache HC5)");
        LAYERS.put("org.apache.camel.", "Camel routing");
        LAYERS.put("org.flywaydb.", "Flyway");
        LAYERS.put("ch.qos.logback.", "logging");
        LAYERS.put("org.slf4j.", "logging");
        LAYERS.put("sun.security.", "JDK crypto");
        LAYERS.put("java.security.", "JDK crypto");
        LAYERS.put("sun.nio.", "JDK sockets / NIO");
        LAYERS.put("java.net.", "JDK sockets / NIO");
    }

    private JfrSummary() {
    }

    public static String summarize(Path recording) {
        Map<String, Integer> cpu = new TreeMap<>();
        Map<String, Integer> cpuByOwnFrame = new TreeMap<>();
        Map<String, Duration> blocked = new TreeMap<>();
        int samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                if (type.equals("jdk.ExecutionSample")) {
                    samples++;
                    cpu.merge(layer(event.getStackTrace()), 1, Integer::sum);
                    cpuByOwnFrame.merge(ownFrame(event.getStackTrace()), 1, Integer::sum);
                } else if (type.equals("jdk.JavaMonitorWait") || type.equals("jdk.JavaMonitorEnter")
                        || type.equals("jdk.ThreadPark") || type.equals("jdk.SocketRead")) {
                    String thread = event.getThread() == null ? "" : String.valueOf(event.getThread().getJavaName());
                    if (!thread.contains("pages") && !thread.contains("main")) {
                        continue; // idle pool threads park all the time; only the threads doing the work count
                    }
                    String key = shortType(type) + " in " + layer(event.getStackTrace()) + ", from "
                            + ownFrame(event.getStackTrace());
                    blocked.merge(key, event.getDuration(), Duration::plus);
                }
            }
        } catch (IOException e) {
            return "cannot read " + recording + ": " + e.getMessage();
        }
        StringBuilder out = new StringBuilder();
        out.append("CPU samples: ").append(samples).append('\n');
        int total = Math.max(1, samples);
        cpu.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(10)
                .forEach(e -> out.append(String.format(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey())));
        out.append("CPU samples by the klink-sync method they ran under:\n");
        cpuByOwnFrame.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(10)
                .forEach(e -> out.append(String.format(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey())));
        out.append("Blocked time of the page/main threads (summed over threads):\n");
        blocked.entrySet().stream().sorted(Map.Entry.<String, Duration>comparingByValue().reversed()).limit(10)
                .forEach(e -> out.append(String.format(Locale.ROOT, "  %8.1f s  %s%n", e.getValue().toMillis() / 1000.0, e.getKey())));
        return out.toString();
    }

    private static String shortType(String type) {
        return switch (type) {
            case "jdk.JavaMonitorWait" -> "Object.wait";
            case "jdk.JavaMonitorEnter" -> "monitor enter";
            case "jdk.ThreadPark" -> "park";
            default -> "socket read";
        };
    }

    /** The topmost klink-sync frame (Class.method), which says what the blocked work was for. */
    static String ownFrame(RecordedStackTrace stack) {
        if (stack != null) {
            for (RecordedFrame frame : stack.getFrames()) {
                if (frame.getMethod() != null && frame.getMethod().getType() != null
                        && frame.getMethod().getType().getName().startsWith("io.klinksync.")) {
                    String type = frame.getMethod().getType().getName();
                    return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
                }
            }
        }
        return "(no klink-sync frame)";
    }

    static String layer(RecordedStackTrace stack) {
        if (stack == null) {
            return "(no stack)";
        }
        List<RecordedFrame> frames = stack.getFrames();
        for (RecordedFrame frame : frames) {
            if (frame.getMethod() == null || frame.getMethod().getType() == null) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> layer : LAYERS.entrySet()) {
                if (type.startsWith(layer.getKey())) {
                    return layer.getValue();
                }
            }
        }
        return frames.isEmpty() ? "(empty stack)" : "JDK: " + frames.stream().limit(1)
                .map(f -> f.getMethod() == null ? "?" : f.getMethod().getType().getName()).collect(Collectors.joining());
    }
}
