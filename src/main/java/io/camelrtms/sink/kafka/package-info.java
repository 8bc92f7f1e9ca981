/**
 * The {@code kafka} sink: each message, and decoded audio in chunks, as a Kafka record keyed by the
 * stream id, through camel-kafka and the sink's delivery.
 */
package io.camelrtms.sink.kafka;
