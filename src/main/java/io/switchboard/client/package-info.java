/**
 * The Java client library for {@code /ws} (docs/client.md), built as {@code target/switchboard-client.jar}: the
 * JDK's WebSocket client and JSON-P, nothing else. It keeps a user connected: reconnects with exponential backoff
 * and full jitter, pings to find dead links, joins its rooms again, sends what was queued while away, and asks
 * the application for a new token before the current one expires.
 *
 * <p>Not used by the server: excluded from the WAR.
 */
package io.switchboard.client;
