package io.camelrtms.protocol;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Zoom data-centre region (sjc, iad, ams, …) from an RTMS server URL. Zoom does not
 * document the host naming, so this looks for a host label, or a dash-separated part of one, made
 * of three letters and optional digits ({@code rtms-sjc1.zoom.us}, {@code x.iad.zoom.us}).
 */
public final class ServerRegion {

    private static final Pattern REGION = Pattern.compile("^([a-z]{3})\\d*$");
    private static final Set<String> NOT_REGIONS = Set.of("wss", "www", "zoom", "com", "net", "org", "dev", "api", "rtm");

    private ServerRegion() {
    }

    /** The region code, or {@code null} when the URL names none (loopback, IP addresses, …). */
    public static String of(String url) {
        if (url == null) {
            return null;
        }
        String host;
        try {
            host = URI.create(url.trim()).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (host == null) {
            return null;
        }
        for (String label : host.toLowerCase(Locale.ROOT).split("\\.")) {
            for (String part : label.split("-")) {
                Matcher m = REGION.matcher(part);
                if (m.matches() && !NOT_REGIONS.contains(m.group(1))) {
                    return m.group(1);
                }
            }
        }
        return null;
    }
}
