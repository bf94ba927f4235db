package io.switchboard.relay;

/** A well-formed {@code /relay} message plus the exact text it came as (relayed to the partner unchanged). */
public record RelayInbound(RelayMessage message, String raw) {
}
