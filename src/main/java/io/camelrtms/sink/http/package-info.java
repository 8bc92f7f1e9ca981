/**
 * The {@code http} sink: pushes each message, and decoded audio in chunks, as an HTTP POST through
 * camel-http and the sink's delivery; and {@link io.camelrtms.sink.http.PushSink}, the requests it
 * and the {@code kafka} sink push.
 */
package io.camelrtms.sink.http;
