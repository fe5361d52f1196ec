package io.klinksync.service;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.quartz.Scheduler;

import java.util.Map;
import java.util.function.Supplier;

/**
 * klink-sync's checks in Camel's health-check registry, served by Camel at /observe/health (both kinds),
 * /observe/health/live and /observe/health/ready. Readiness: the mirror, the token, each stream (last run, age).
 * Liveness: the Camel context runs and the Quartz scheduler has not shut down; a failing stream never makes the
 * process look dead, or an orchestrator would restart it in a loop while the API refuses its token.
 */
public final class KlinkHealthChecks {

    private KlinkHealthChecks() {
    }

    public static void register(CamelContext context, StreamHealth health, Iterable<String> streams,
                                Supplier<Scheduler> scheduler) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        registry.register(readiness("mirror", health::mirror));
        registry.register(readiness("token", health::token));
        for (String stream : streams) {
            registry.register(readiness("stream-" + stream, () -> health.stream(stream)));
        }
        registry.register(new Liveness(scheduler));
    }

    private static AbstractHealthCheck readiness(String id, Supplier<StreamHealth.Verdict> verdict) {
        return new AbstractHealthCheck("klink", id) {
            @Override
            public boolean isLiveness() {
                return false;
            }

            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                StreamHealth.Verdict v = verdict.get();
                builder.message(v.reason()).detail("reason", v.reason());
                if (v.up()) {
                    builder.up();
                } else {
                    builder.down();
                }
            }
        };
    }

    private static final class Liveness extends AbstractHealthCheck {
        private final Supplier<Scheduler> scheduler;

        Liveness(Supplier<Scheduler> scheduler) {
            super("klink", "scheduler");
            this.scheduler = scheduler;
        }

        @Override
        public boolean isReadiness() {
            return false;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            try {
                Scheduler s = scheduler.get();
                if (getCamelContext().getStatus() != ServiceStatus.Started && getCamelContext().getStatus() != ServiceStatus.Starting) {
                    builder.down().message("Camel is " + getCamelContext().getStatus());
                } else if (s == null || s.isShutdown()) {
                    builder.down().message("the Quartz scheduler has shut down: no stream will be synced");
                } else {
                    builder.up().message("the scheduler runs");
                }
            } catch (Exception e) {
                builder.down().message("the Quartz scheduler cannot be asked: " + e.getMessage());
            }
        }
    }
}
