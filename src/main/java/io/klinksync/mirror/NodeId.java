package io.klinksync.mirror;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name this process goes by in sync_runs.node and, in a cluster, as its Quartz instance id: host:pid. Unique
 * among live processes, readable by a person, and the same string in every table that names a node.
 */
public final class NodeId {

    private static final String CURRENT = host() + ":" + ProcessHandle.current().pid();

    private NodeId() {
    }

    public static String current() {
        return CURRENT;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unnamed-host";
        }
    }
}
