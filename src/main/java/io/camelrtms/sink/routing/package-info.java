/**
 * Which sinks each media type goes to ({@code rtms.sinks}), and the routes that hand it to them.
 */
package io.camelrtms.sink.routing;
