package io.klinksync.config;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Secrets known to this process, so that every log line can be scrubbed of them before it is written. */
public final class SecretRegistry {

    private static final String MASK = "****";
    private static final List<String> SECRETS = new CopyOnWriteArrayList<>();

    private SecretRegistry() {
    }

    public static void register(String secret) {
        if (secret != null && secret.length() >= 4 && !SECRETS.contains(secret)) {
            SECRETS.add(secret);
        }
    }

    public static String scrub(String text) {
        if (text == null || SECRETS.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : SECRETS) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }
}
