package io.switchboard.relay;

/**
 * A {@code /relay} message as the server reads it (seed 000): who sends, to whom, and what kind. The
 * {@code content} is not interpreted (messages between partners travel as the exact text received), so it is
 * not bound here; the server's own messages are {@link RelayNotice}s.
 */
public record RelayMessage(String groupId, String senderType, String receiverType, String messageType) {
}
