package io.klinksync.mirror;

/** Another process holds the stream's writer lock; the message names the stream and the holder. */
public final class StreamBusyException extends MirrorException {
    public StreamBusyException(String message) {
        super(message);
    }
}
