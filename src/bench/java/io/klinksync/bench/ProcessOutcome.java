package io.klinksync.bench;

import java.nio.file.Path;
import java.time.Instant;

/** How a child process ended: exit code, wall time from start to exit, when it exited, and its peak RSS (VmHWM). */
public record ProcessOutcome(int exitCode, long wallNanos, Instant exitedAt, long peakRssKb) {

    public double seconds() {
        return wallNanos / 1e9;
    }

    /** This outcome, or an exception naming the step and its log when the process did not exit 0. */
    public ProcessOutcome requireSuccess(String what, Path log) {
        if (exitCode != 0) {
            throw new BenchException(what + " exited with " + exitCode + " after " + Figure.format(seconds())
                    + " s; see " + log);
        }
        return this;
    }
}
