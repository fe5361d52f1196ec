package io.klinksync.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinksync.sandbox.FaultKind;
import io.klinksync.testing.Serving;
import io.klinksync.testing.TestDatabase;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * samples/observability: every metric and label the Grafana dashboard and the Prometheus alert rules use is one that
 * `klink-sync run` exports, scraped from /observe/metrics after a scheduled sync with 429s and an inbox import.
 */
class ObservabilityAssetsTest {

    private static final Path DASHBOARD = Path.of("samples", "observability", "grafana-dashboard.json");
    private static final Path ALERTS = Path.of("samples", "observability", "alerts.yml");
    private static final Pattern METRIC = Pattern.compile("\\bklink_[a-z0-9_]+\\b");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring)\\s*\\(([^)]*)\\)");
    private static final Pattern SELECTOR = Pattern.compile("\\{([^}]*)\\}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*(klink_[a-z0-9_]+)\\s*,\\s*([a-zA-Z_]+)\\s*\\)");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)\\})?\\s");
    private static final Pattern SAMPLE_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

    @TempDir
    Path dir;

    @Test
    void dashboardAndAlertsUseOnlyMetricsAndLabelsThatRunExports() throws Exception {
        List<String> expressions = new ArrayList<>(dashboardExpressions());
        List<String> alertExpressions = alertExpressions();
        assertThat(alertExpressions).as("alert rules: stale, failing, retry storm").hasSize(3);
        expressions.addAll(alertExpressions);

        Map<String, Set<String>> exported;
        try (OpsFixture f = new OpsFixture(TestDatabase.h2())) {
            Path inbox = Files.createDirectories(dir.resolve("inbox"));
            int port = Serving.freePort();
            f.values.putAll(Serving.NO_SCHEDULES);
            f.values.putAll(Map.of("sync.contacts.cron", "0/1 * * * * ?", "sync.page-size", "10", "server.port", String.valueOf(port),
                    "import.inbox.dir", inbox.toString(), "import.inbox.poll-delay", "100", "import.inbox.read-lock-interval", "200",
                    "api.retry-after.cap", "100"));
            f.sandbox.knobs().failNext(2, FaultKind.RATE_LIMITED, "/contacts");
            try (Serving run = Serving.prepare(f.settings(), OpsFixture.TOKEN)) {
                NotifyBuilder synced = new NotifyBuilder(run.runtime().context()).fromRoute("schedule-contacts").whenCompleted(1).create();
                NotifyBuilder imported = new NotifyBuilder(run.runtime().context()).fromRoute("import-inbox").whenDone(1).create();
                run.start();
                Path staged = dir.resolve("people.csv");
                Files.writeString(staged, "name,emails\nMetric Person,*metric.person@example.com\n", StandardCharsets.UTF_8);
                Files.move(staged, inbox.resolve("people.csv"), StandardCopyOption.ATOMIC_MOVE);
                assertThat(synced.matches(60, TimeUnit.SECONDS)).as("a scheduled contacts run").isTrue();
                assertThat(imported.matches(60, TimeUnit.SECONDS)).as("an inbox import").isTrue();
                exported = scrape(port);
            }
            // status reads the same mirror: the inbox import is its newest import
            OpsFixture.Outcome status = f.cli("status", "--json");
            assertThat(status.exit()).as(status.err()).isZero();
            JsonNode newest = new ObjectMapper().readTree(status.out()).at("/imports/0");
            assertThat(newest.get("file_name").asText()).endsWith("people.csv");
            assertThat(newest.get("created").asLong()).isEqualTo(1);
        }

        assertThat(exported).containsKeys("klink_rate_limited_total", "klink_import_rows_total", "klink_retries_total");
        for (String expression : expressions) {
            Set<String> metrics = matches(METRIC, expression, 0);
            assertThat(metrics).as("metrics of %s", expression).isNotEmpty();
            Set<String> labels = new HashSet<>();
            for (String metric : metrics) {
                assertThat(exported).as("run exports %s (used in %s)", metric, expression).containsKey(metric);
                labels.addAll(exported.get(metric));
            }
            Set<String> used = new HashSet<>();
            Matcher grouping = GROUPING.matcher(expression);
            while (grouping.find()) {
                for (String label : grouping.group(1).split(",")) {
                    if (!label.isBlank()) {
                        used.add(label.strip());
                    }
                }
            }
            Matcher selector = SELECTOR.matcher(expression);
            while (selector.find()) {
                used.addAll(matches(MATCHER, selector.group(1), 1));
            }
            assertThat(labels).as("labels that %s exports, used in %s", metrics, expression).containsAll(used);
        }
    }

    private static List<String> dashboardExpressions() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                expressions.add(target.get("expr").asText());
            }
        }
        assertThat(expressions).as("dashboard queries").hasSizeGreaterThanOrEqualTo(6);
        String joined = String.join("\n", expressions);
        assertThat(joined).contains("klink_records_total", "klink_pages_total", "klink_runs_total", "klink_retries_total",
                "klink_rate_limited_total", "klink_last_success_timestamp_seconds", "klink_import_rows_total");
        // the stream variable's query: label_values(metric, label) is a metric and a label too
        for (JsonNode variable : dashboard.at("/templating/list")) {
            String definition = variable.path("definition").asText("");
            Matcher m = LABEL_VALUES.matcher(definition);
            if (m.find()) {
                expressions.add("sum by (" + m.group(2) + ") (" + m.group(1) + ")");
            }
        }
        return expressions;
    }

    @SuppressWarnings("unchecked")
    private static List<String> alertExpressions() throws Exception {
        Map<String, Object> rules = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(ALERTS, StandardCharsets.UTF_8));
        List<String> expressions = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Object group : (List<Object>) rules.get("groups")) {
            for (Object rule : (List<Object>) ((Map<String, Object>) group).get("rules")) {
                Map<String, Object> r = (Map<String, Object>) rule;
                names.add((String) r.get("alert"));
                expressions.add((String) r.get("expr"));
            }
        }
        assertThat(names).containsExactlyInAnyOrder("KlinkStreamStale", "KlinkRunsFailing", "KlinkRetryStorm");
        return expressions;
    }

    /** Metric name -> the label names its samples carry, from Prometheus' text format. */
    private static Map<String, Set<String>> scrape(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Set<String>> metrics = new HashMap<>();
        response.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(line -> {
            Matcher m = SAMPLE.matcher(line);
            if (m.find()) {
                Set<String> labels = metrics.computeIfAbsent(m.group(1), k -> new HashSet<>());
                if (m.group(2) != null) {
                    labels.addAll(matches(SAMPLE_LABEL, m.group(2), 1));
                }
            }
        });
        return metrics;
    }

    private static Set<String> matches(Pattern pattern, String text, int group) {
        Set<String> found = new HashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(group));
        }
        return found;
    }
}
