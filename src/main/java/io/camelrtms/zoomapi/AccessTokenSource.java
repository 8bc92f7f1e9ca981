package io.camelrtms.zoomapi;

/** Gives the bearer token for Zoom API calls, cached for as long as it is good. */
public interface AccessTokenSource {

    /** A token good for at least a little while longer. */
    String token() throws ZoomApiException;

    /** Forgets {@code token} if it is the cached one, after Zoom refused it. */
    void invalidate(String token);

    /** A source whose every call fails with {@link ZoomApiException.Reason#NOT_CONFIGURED} and this message. */
    static AccessTokenSource unavailable(String why) {
        return new AccessTokenSource() {
            @Override
            public String token() throws ZoomApiException {
                throw new ZoomApiException(ZoomApiException.Reason.NOT_CONFIGURED, why);
            }

            @Override
            public void invalidate(String token) {
                // nothing cached
            }
        };
    }
}
