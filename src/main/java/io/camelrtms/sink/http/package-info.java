/**
 * The {@code http} sink: pushes each message, and decoded audio in chunks, as an HTTP POST through
 * camel-http and the sink's delivery; the requests are built by
 * {@link io.camelrtms.sink.delivery.PushSink}, which the {@code kafka} sink shares.
 */
package io.camelrtms.sink.http;
