package io.klinksync.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The newest requests received, bounded so that a benchmark of millions of requests keeps its memory. */
final class RequestLog {

    private final Deque<RecordedRequest> requests = new ArrayDeque<>();

    synchronized void add(RecordedRequest request, int cap) {
        if (cap <= 0) {
            return;
        }
        requests.addLast(request);
        while (requests.size() > cap) {
            requests.removeFirst();
        }
    }

    synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(new ArrayList<>(requests));
    }

    synchronized void clear() {
        requests.clear();
    }
}
