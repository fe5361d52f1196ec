package io.klinksync.sync;

import io.klinksync.mirror.SyncRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;

/**
 * Where the one line saying how a stream's run ended goes: the log for `run` (it has no stdout reader) and
 * the import, stdout for `sync` (the result is the command's output), nowhere with --quiet (one summary instead).
 */
@FunctionalInterface
public interface RunResults {

    void ended(String profile, SyncRun run);

    RunResults LOG = new RunResults() {
        private final Logger log = LoggerFactory.getLogger(StreamSync.class);

        @Override
        public void ended(String profile, SyncRun run) {
            if ("success".equals(run.status()) || SyncRun.REFRESHED.equals(run.status())) {
                log.info("Profile {}, stream {}", profile, run);
            } else {
                log.error("Profile {}, stream {}", profile, run);
            }
        }
    };

    RunResults NONE = (profile, run) -> { };

    static RunResults printTo(PrintWriter out) {
        return (profile, run) -> {
            out.println(run);
            out.flush();
        };
    }
}
