package io.switchboard.session;

import io.switchboard.config.Settings;
import jakarta.enterprise.inject.spi.CDI;

import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SWITCHBOARD_MAX_MESSAGE_BYTES for whole text messages, checked by the decoders as a second line. The container
 * is told the limit ({@code setMaxTextMessageBufferSize}) and Tyrus enforces it, but Undertow 2.3.23 (WildFly 39)
 * stops counting a text message's bytes once it arrives in more than one read (UNDERTOW-2770), so a large frame
 * would get through there. A decoder that finds a message over the limit answers "too big" and the endpoint
 * closes with 1009, as the container would have.
 */
public final class MessageSize {
    private static final Logger LOG = Logger.getLogger(MessageSize.class.getName());

    private MessageSize() {
    }

    /** The configured limit, for decoders (which the container creates: no injection standalone). */
    public static int limit() {
        try {
            return CDI.current().select(Settings.class).get().maxMessageBytes();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "no settings for the message size limit; using the default", e);
            return 65536;
        }
    }

    /** Whether {@code text} takes more than {@code limit} bytes in UTF-8, counting only when it could. */
    public static boolean exceeds(String text, int limit) {
        if (text.length() > limit) {
            return true;
        }
        if ((long) text.length() * 3 <= limit) {
            return false;
        }
        return text.getBytes(StandardCharsets.UTF_8).length > limit;
    }
}
