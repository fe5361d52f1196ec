package io.klinksync.bench;

import io.klinksync.sandbox.RecordedRequest;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the sandbox received during one phase of the pace scenario: the rate of its main requests (first to last,
 * answered other than 429: the work the client got done per second) and the 429s among all its requests.
 */
record PhaseRequests(double servedPerSecond, long main, long refused) {

    static PhaseRequests of(List<RecordedRequest> requests, Predicate<RecordedRequest> mainKind) {
        List<RecordedRequest> main = requests.stream().filter(mainKind).toList();
        long refused = requests.stream().filter(r -> r.status() == 429).count();
        if (main.size() < 2) {
            throw new BenchException("The phase sent " + main.size() + " of its main requests; expected many.");
        }
        long served = main.stream().filter(r -> r.status() != 429).count();
        double seconds = Duration.between(main.get(0).receivedAt(), main.get(main.size() - 1).receivedAt()).toNanos() / 1e9;
        // n requests from the first to the last span n - 1 gaps
        return new PhaseRequests((served - 1) / seconds, main.size(), refused);
    }
}
