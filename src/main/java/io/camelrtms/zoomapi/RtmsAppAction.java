package io.camelrtms.zoomapi;

import java.util.Locale;
import java.util.Optional;

/** What Zoom's "update RTMS app status" endpoints can do to an app's stream: the {@code action} of their body. */
public enum RtmsAppAction {
    START, STOP, PAUSE, RESUME;

    /** The value Zoom expects in the request body, e.g. {@code "start"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action of a wire name (case-insensitive), or empty when there is none. */
    public static Optional<RtmsAppAction> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (RtmsAppAction action : values()) {
            if (action.wireName().equalsIgnoreCase(name)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
