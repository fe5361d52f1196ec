package io.klinksync.sandbox;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Actions run by the sandbox after the Nth list request of a stream, so a test changes the data at an exact
 * point of a client's walk instead of racing it with sleeps. The action runs on the request's thread after the
 * page is made and before it is sent, so the client's next request already sees the change.
 */
public final class WalkHooks {

    private record Pending(String stream, int atRequest, Consumer<StoreMutations> action) {
    }

    private final StoreMutations mutations;
    private final Map<String, AtomicInteger> listRequests = new ConcurrentHashMap<>();
    private final List<Pending> pending = new ArrayList<>();

    WalkHooks(StoreMutations mutations) {
        this.mutations = mutations;
    }

    /**
     * After the nth list request of this stream from now (1 = the next one), run the action with the sandbox's
     * mutations. Several actions may wait for the same request; they run in the order they were added.
     */
    public WalkHooks afterListRequest(String stream, int n, Consumer<StoreMutations> action) {
        if (n < 1) {
            throw new IllegalArgumentException("n counts list requests from 1, not " + n + ".");
        }
        synchronized (pending) {
            pending.add(new Pending(stream, listRequests(stream) + n, action));
        }
        return this;
    }

    /** List requests (GETs of the collection path, whatever their answer) of a stream served so far. */
    public int listRequests(String stream) {
        AtomicInteger count = listRequests.get(stream);
        return count == null ? 0 : count.get();
    }

    /** Actions not yet run. */
    public int pending() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** Drops every action not yet run. */
    public WalkHooks clear() {
        synchronized (pending) {
            pending.clear();
        }
        return this;
    }

    /** The writes the actions make, for tests that also change data between walks. */
    public StoreMutations mutations() {
        return mutations;
    }

    void listRequestServed(String stream) {
        int served = listRequests.computeIfAbsent(stream, s -> new AtomicInteger()).incrementAndGet();
        List<Consumer<StoreMutations>> due = new ArrayList<>();
        synchronized (pending) {
            Iterator<Pending> it = pending.iterator();
            while (it.hasNext()) {
                Pending p = it.next();
                if (p.stream().equals(stream) && p.atRequest() <= served) {
                    due.add(p.action());
                    it.remove();
                }
            }
        }
        due.forEach(action -> action.accept(mutations));
    }
}
