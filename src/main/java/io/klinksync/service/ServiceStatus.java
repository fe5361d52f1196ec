package io.klinksync.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klinksync.mirror.NodeId;
import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/** GET /observe/status on the management port: per stream, its last run, next firing, freshness, rejects, holder. */
public final class ServiceStatus {

    /** The Quartz group of the scheduled-stream routes (quartz:klink-sync/STREAM). */
    static final String TRIGGER_GROUP = "klink-sync";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunHistory history;
    private final StreamHealth health;
    private final Schedules schedules;
    private final Collection<String> streams;
    private final boolean clustered;
    private final Supplier<Scheduler> scheduler;

    public ServiceStatus(RunHistory history, StreamHealth health, Schedules schedules, Collection<String> streams,
                         boolean clustered, Supplier<Scheduler> scheduler) {
        this.history = history;
        this.health = health;
        this.schedules = schedules;
        this.streams = streams;
        this.clustered = clustered;
        this.scheduler = scheduler;
    }

    /** Adds the route to Camel's management server; call once Camel has started. */
    public void serve(CamelContext context) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null || server.getRouter() == null) {
            return;
        }
        Router router = server.getRouter();
        router.get("/observe/status").order(-10).handler(ctx -> ctx.vertx().<String>executeBlocking(() -> json().toPrettyString())
                .onComplete(result -> {
                    if (result.succeeded()) {
                        ctx.response().putHeader("Content-Type", "application/json").end(result.result());
                    } else {
                        ctx.response().setStatusCode(503).putHeader("Content-Type", "text/plain")
                                .end("status unavailable: " + result.cause().getMessage());
                    }
                }));
    }

    public ObjectNode json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("node", NodeId.current());
        root.put("clustered", clustered);
        StreamHealth.Verdict mirror = health.mirror();
        root.put("mirror", mirror.reason());
        ObjectNode all = root.putObject("streams");
        for (String stream : streams) {
            ObjectNode s = all.putObject(stream);
            s.put("cron", schedules.cron(stream));
            Instant next = nextFire(stream);
            s.put("next_fire", next == null ? null : next.toString());
            if (!mirror.up()) {
                continue;
            }
            history.lastEnded(stream).ifPresentOrElse(run -> run(s.putObject("last_run"), run), () -> s.putNull("last_run"));
            Optional<RunHistory.Run> running = history.running(stream);
            ObjectNode holder = s.putObject("running");
            holder.put("now", running.isPresent());
            running.ifPresent(r -> {
                holder.put("run_id", r.id());
                holder.put("since", String.valueOf(r.startedAt()));
                holder.put("node", r.node());
                holder.put("this_node", NodeId.current().equals(r.node()));
            });
            StreamHealth.Freshness fresh = health.freshness(stream);
            ObjectNode f = s.putObject("freshness");
            f.put("last_success", fresh.lastSuccess() == null ? null : fresh.lastSuccess().toString());
            f.put("age_seconds", fresh.age().getSeconds());
            f.put("max_age_seconds", fresh.maxAge().getSeconds());
            f.put("fresh", fresh.fresh());
            var rejects = history.rejects(stream);
            if (rejects.isPresent()) {
                s.put("rejects", rejects.getAsLong());
            } else {
                s.putNull("rejects");
            }
            StreamHealth.Verdict v = health.stream(stream);
            s.put("ready", v.up());
            s.put("reason", v.reason());
        }
        return root;
    }

    private static void run(ObjectNode o, RunHistory.Run run) {
        o.put("id", run.id());
        o.put("status", run.status());
        o.put("started_at", String.valueOf(run.startedAt()));
        o.put("ended_at", run.endedAt() == null ? null : run.endedAt().toString());
        o.put("node", run.node());
        o.put("pages", run.pages());
        o.put("records_seen", run.seen());
        o.put("inserted", run.inserted());
        o.put("updated", run.updated());
        o.put("unchanged", run.unchanged());
        o.put("deleted", run.deleted());
        o.put("error", run.error());
    }

    /** The trigger's next firing as Quartz has it (in a cluster, the cluster's), else as the cron computes it. */
    public Instant nextFire(String stream) {
        try {
            Scheduler s = scheduler.get();
            Trigger trigger = s == null ? null : s.getTrigger(TriggerKey.triggerKey(stream, TRIGGER_GROUP));
            if (trigger != null && trigger.getNextFireTime() != null) {
                return trigger.getNextFireTime().toInstant();
            }
        } catch (Exception e) {
            // fall back to the cron
        }
        return schedules.nextFire(stream, Instant.now());
    }
}
