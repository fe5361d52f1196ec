package io.klinksync.config;

/** A setting is missing or wrong; the message tells the user what to change. */
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
