package io.camelrtms.client;

import java.security.GeneralSecurityException;
import javax.net.ssl.SSLException;

/**
 * Tells a TLS failure (an untrusted or expired certificate, a wrong host name, no common protocol) from
 * other reasons a connection fails. Those are configuration problems, or someone in the middle, rather
 * than a network blip, so the session reports them loudly rather than as one more reconnect.
 */
final class TlsFailures {

    private static final int MAX_DEPTH = 10;

    private TlsFailures() {
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
