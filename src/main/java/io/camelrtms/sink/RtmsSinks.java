package io.camelrtms.sink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves the sink chosen for each media type ({@code rtms.sinks.<type>}) into the endpoint URIs of
 * a {@code recipientList}. A value is a sink name ({@code file}, later {@code s3}, {@code http}: name
 * {@code x} means the route {@code direct:rtms-sink-x}), {@code none}, any Camel endpoint URI (it
 * contains a {@code :}), or a comma-separated list of those to fan out. Resolved once, at start.
 */
public final class RtmsSinks {

    /** The media types that have a sink. */
    public static final List<String> MEDIA_TYPES = List.of("audio", "transcript", "chat", "event", "video", "deskshare");
    /** The endpoint of sink name {@code x} is this prefix plus {@code x}. */
    public static final String SINK_ROUTE_PREFIX = "direct:rtms-sink-";
    /** The file sink, which LIFECYCLE exchanges always reach first. */
    public static final String FILE_SINK = SINK_ROUTE_PREFIX + "file";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final Map<String, String> uris = new LinkedHashMap<>();
    private final String lifecycle;

    /**
     * @param sinks the configured value per media type; a missing type gets {@code file}
     * @throws IllegalArgumentException on an unknown media type, an empty value or a malformed name
     */
    public RtmsSinks(Map<String, String> sinks) {
        for (String key : sinks.keySet()) {
            if (!MEDIA_TYPES.contains(key.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("rtms.sinks." + key + " is not a media type; expected one of " + MEDIA_TYPES);
            }
        }
        Set<String> others = new LinkedHashSet<>();
        for (String type : MEDIA_TYPES) {
            String spec = sinks.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(type))
                    .map(Map.Entry::getValue).findFirst().orElse("file");
            List<String> resolved = resolve(type, spec);
            uris.put(type, String.join(",", resolved));
            resolved.stream().filter(u -> !u.equals(FILE_SINK)).forEach(others::add);
        }
        lifecycle = String.join(",", others);
    }

    private static List<String> resolve(String type, String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("rtms.sinks." + type + " is empty; use a sink name such as file, "
                    + "an endpoint URI, or none");
        }
        List<String> out = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String s = raw.trim();
            if (s.isEmpty()) {
                continue;
            }
            if (s.contains(":")) {
                out.add(s);
            } else if (s.equalsIgnoreCase("none")) {
                continue;
            } else if (NAME.matcher(s.toLowerCase(Locale.ROOT)).matches()) {
                out.add(SINK_ROUTE_PREFIX + s.toLowerCase(Locale.ROOT));
            } else {
                throw new IllegalArgumentException("rtms.sinks." + type + ": '" + s + "' is neither a sink name "
                        + "(letters, digits, '-') nor an endpoint URI");
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The recipient list of a media type (lower case), comma-separated; empty for {@code none}. */
    public String uris(String mediaType) {
        String u = uris.get(mediaType.toLowerCase(Locale.ROOT));
        if (u == null) {
            throw new IllegalArgumentException("No sink for media type " + mediaType);
        }
        return u;
    }

    public String audio() {
        return uris.get("audio");
    }

    public String transcript() {
        return uris.get("transcript");
    }

    public String chat() {
        return uris.get("chat");
    }

    public String event() {
        return uris.get("event");
    }

    public String video() {
        return uris.get("video");
    }

    public String deskshare() {
        return uris.get("deskshare");
    }

    /**
     * Where LIFECYCLE exchanges go after the file sink (which always gets them): every other sink
     * configured for any media type, so each can finish its stream.
     */
    public String lifecycle() {
        return lifecycle;
    }

    /** Sink names in use (the part after {@link #SINK_ROUTE_PREFIX}), for a start-up check that their routes exist. */
    public Set<String> sinkEndpoints() {
        Set<String> all = new LinkedHashSet<>();
        for (String list : uris.values()) {
            for (String u : list.split(",")) {
                if (u.startsWith(SINK_ROUTE_PREFIX)) {
                    all.add(u);
                }
            }
        }
        all.add(FILE_SINK);
        return all;
    }
}
