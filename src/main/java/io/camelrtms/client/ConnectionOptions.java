package io.camelrtms.client;

/**
 * Transport options shared by every socket of one client.
 *
 * @param verifyTls          verify server certificates and host names (default true); false trusts anything
 * @param trustStorePath     optional PKCS12 or JKS trust store replacing the JDK's default CAs
 * @param trustStorePassword its password, or {@code null}
 * @param proxyHost          optional HTTP proxy host (CONNECT tunnelling), or {@code null}
 * @param proxyPort          its port
 * @param proxyUsername      optional proxy user
 * @param proxyPassword      optional proxy password
 * @param maxMessageBytes    the largest WebSocket message accepted (video frames can be large)
 * @param maxConnections     the most sockets open to one server host at once
 */
public record ConnectionOptions(boolean verifyTls, String trustStorePath, String trustStorePassword, String proxyHost,
                                int proxyPort, String proxyUsername, String proxyPassword, int maxMessageBytes,
                                int maxConnections) {

    public static ConnectionOptions defaults() {
        return new ConnectionOptions(true, null, null, null, 0, null, null, 16 * 1024 * 1024, 10_000);
    }
}
