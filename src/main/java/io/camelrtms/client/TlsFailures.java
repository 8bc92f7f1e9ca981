package io.camelrtms.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLException;

/**
 * Tells a TLS failure (an untrusted or expired certificate, a wrong host name, no common protocol) from
 * other reasons a connection fails. Those are configuration problems, or someone in the middle, rather
 * than a network blip, so the session reports them loudly rather than as one more reconnect; this
 * class words every failure to connect for the stream's lifecycle detail.
 */
final class TlsFailures {

    private static final int MAX_DEPTH = 10;

    private TlsFailures() {
    }

    /**
     * Why a connection could not be opened. A TLS failure (certificate, host name, protocol) is counted and
     * logged at WARN with its cause every time: it will not go away by reconnecting, and may be an attack.
     */
    static String connectFailure(String server, String url, Throwable cause, RtmsClient client, StreamLog log) {
        String tls = describe(cause);
        if (tls == null) {
            return "cannot connect to the " + server + ": " + cause.getMessage();
        }
        client.countTlsFailure();
        log.warn("RTMS stream {}: TLS handshake with the {} at {} failed: {}", log.streamId(), server, hostOf(url), tls);
        return "TLS handshake with the " + server + " failed: " + tls;
    }

    /** The host and port of a URL, for a log line: its path and query may carry tokens. */
    private static String hostOf(String url) {
        try {
            URI uri = new URI(url);
            return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (URISyntaxException | NullPointerException e) {
            return "?";
        }
    }

    /**
     * The TLS failure in {@code failure}'s cause chain, described with its innermost cause (the one that
     * names the certificate problem), or {@code null} when the failure is not about TLS.
     */
    static String describe(Throwable failure) {
        Throwable tls = null;
        Throwable innermost = null;
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof SSLException || t instanceof GeneralSecurityException) {
                if (tls == null) {
                    tls = t;
                }
                innermost = t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (tls == null) {
            return null;
        }
        String outer = tls.getClass().getSimpleName() + ": " + tls.getMessage();
        return innermost == tls || innermost.getMessage() == null || outer.contains(innermost.getMessage())
                ? outer
                : outer + " (caused by " + innermost.getClass().getSimpleName() + ": " + innermost.getMessage() + ")";
    }
}
