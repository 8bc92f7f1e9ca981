/**
 * The {@code live} sink: TRANSCRIPT, CHAT, EVENT and LIFECYCLE exchanges as JSON documents on a WebSocket
 * feed (the routes in routes/sinks.yaml marshal them with Camel's JSON data format and send them with
 * camel-vertx-websocket to every subscriber).
 */
package io.camelrtms.sink.live;
