package io.klinksync.mirror;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** How a lock's holder names itself to the process that finds the stream busy: host and pid. */
final class LockHolder {

    private LockHolder() {
    }

    static String thisProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "an unnamed host";
        }
        return "host " + host + ", pid " + ProcessHandle.current().pid();
    }

    static StreamBusyException busy(String stream, String holder, long waitedMillis) {
        return new StreamBusyException("Stream " + stream + " is being synced by another klink-sync ("
                + (holder == null ? "holder unknown" : holder) + ")" + (waitedMillis > 0 ? ", still after waiting "
                + waitedMillis + " ms" : "") + ". Wait for it to end, or set sync.lock.wait to wait for it.");
    }
}
