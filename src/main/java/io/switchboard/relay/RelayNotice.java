package io.switchboard.relay;

/**
 * A message the server sends on {@code /relay}, in the seed's shape (SPEC §12): {@code sender_type} is
 * {@code "server"}, {@code receiver_type} the client's own type, {@code content} a short human-readable text.
 * Every field is always present (an unknown group or type is an empty string), as the seed's clients expect.
 */
public record RelayNotice(String groupId, String senderType, String receiverType, String content, String messageType) {

    public static RelayNotice of(String groupId, String receiverType, RelayMessageType type, String content) {
        return new RelayNotice(orEmpty(groupId), RelayMessageType.SERVER, orEmpty(receiverType), content, type.wire());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
