/**
 * How a delivering sink ({@code s3}, {@code http}) gets its requests out: in order per stream, off
 * the media threads, redelivered by Camel and kept in a durable spool while the receiver is down.
 */
package io.camelrtms.sink.delivery;
