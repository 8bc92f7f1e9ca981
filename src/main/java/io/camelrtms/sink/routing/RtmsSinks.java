package io.camelrtms.sink.routing;

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
 * a {@code recipientList}. A value is a sink name ({@code file}, {@code s3}, {@code http}, {@code live}, or the
 * name of your own sink route: name {@code x} means the route {@code direct:rtms-sink-x}),
 * {@code none}, any Camel endpoint URI (it contains a {@code :}), or a comma-separated list of
 * those to fan out. Resolved once, at start.
 *
 * <p>{@code s3} is built on the file sink: a media type that goes to {@code s3} is recorded by the
 * file sink (once, also when {@code file} is listed too), and the s3 sink hears only the lifecycle,
 * on which it uploads what the recorder finished.
 */
public final class RtmsSinks {

    /** The media types that have a sink. */
    public static final List<String> MEDIA_TYPES = List.of("audio", "transcript", "chat", "event", "video", "deskshare");
    /** The endpoint of sink name {@code x} is this prefix plus {@code x}. */
    public static final String SINK_ROUTE_PREFIX = "direct:rtms-sink-";
    /** The file sink, which LIFECYCLE exchanges always reach first. */
    public static final String FILE_SINK = SINK_ROUTE_PREFIX + "file";

    /** Sinks that upload what the file sink recorded: they get the lifecycle, the file sink gets the media. */
    public static final Set<String> STAGED_SINKS = Set.of("s3");

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final Map<String, String> uris = new LinkedHashMap<>();
    private final Map<String, Set<String>> namesByType = new LinkedHashMap<>();
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
            Set<String> names = new LinkedHashSet<>();
            Set<String> media = new LinkedHashSet<>();
            for (String u : resolved) {
                String name = u.startsWith(SINK_ROUTE_PREFIX) ? u.substring(SINK_ROUTE_PREFIX.length()) : null;
                if (name != null) {
                    names.add(name);
                }
                if (name != null && STAGED_SINKS.contains(name)) {
                    media.add(FILE_SINK);
                    others.add(u);
                } else {
                    media.add(u);
                    if (!u.equals(FILE_SINK)) {
                        others.add(u);
                    }
                }
            }
            uris.put(type, String.join(",", media));
            namesByType.put(type, Collections.unmodifiableSet(names));
        }
        lifecycle = String.join(",", others);
    }

    /** Whether any media type goes to the sink of this name (e.g. {@code http}). */
    public boolean uses(String sinkName) {
        return !typesUsing(sinkName).isEmpty();
    }

    /** The media types (lower case) whose sinks name this one, e.g. the types uploaded by {@code s3}. */
    public Set<String> typesUsing(String sinkName) {
        Set<String> out = new LinkedHashSet<>();
        namesByType.forEach((type, names) -> {
            if (names.contains(sinkName)) {
                out.add(type);
            }
        });
        return out;
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

    /** Endpoints of the sink names in use, for a start-up check that their routes exist. */
    public Set<String> sinkEndpoints() {
        Set<String> all = new LinkedHashSet<>();
        all.add(FILE_SINK);
        for (Set<String> names : namesByType.values()) {
            for (String name : names) {
                all.add(SINK_ROUTE_PREFIX + name);
            }
        }
        return all;
    }
}
