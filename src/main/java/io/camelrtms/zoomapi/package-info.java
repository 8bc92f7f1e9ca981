/**
 * A small client of Zoom's REST API for what the bundle needs: starting, stopping, pausing and
 * resuming an RTMS app in a live meeting or Video SDK session, with a server-to-server OAuth token
 * (or a Video SDK API JWT). Plain {@code java.net.http} and Jackson; no Spring, no Camel.
 */
package io.camelrtms.zoomapi;
