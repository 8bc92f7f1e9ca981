/**
 * The {@code http} sink: pushes each message, and decoded audio in chunks, as an HTTP POST through
 * camel-http and the sink's delivery.
 */
package io.camelrtms.sink.http;
