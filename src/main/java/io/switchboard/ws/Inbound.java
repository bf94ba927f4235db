package io.switchboard.ws;

/** A well-formed {@code /ws} message of a known type, as the {@link WsDecoder} hands it to the {@link UserHub}. */
public record Inbound(MessageType type, WsMessage message) {
}
