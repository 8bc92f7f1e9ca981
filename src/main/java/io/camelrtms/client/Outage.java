package io.camelrtms.client;

/**
 * A window in which a stream was not receiving (epoch ms). Media Zoom sent in it may be missing;
 * {@code to} is 0 while the outage lasts.
 */
public record Outage(long from, long to, OutageCause cause, String detail) {

    public long millis() {
        return to == 0 ? 0 : to - from;
    }
}
