/**
 * How a delivering sink ({@code s3}, {@code http}, {@code kafka}) gets its requests out: in order per
 * stream, off the media threads, redelivered by Camel and kept in a durable spool while the receiver is
 * down; {@link io.camelrtms.sink.delivery.PushSink} builds the requests of the sinks that push each
 * message as it comes (http, kafka), audio gathered into chunks by
 * {@link io.camelrtms.sink.delivery.AudioChunks}.
 */
package io.camelrtms.sink.delivery;
