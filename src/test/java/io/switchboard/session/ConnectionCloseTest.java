package io.switchboard.session;

import io.switchboard.auth.Principal;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A close that a delivery causes is not run inside that delivery (issue 9): the connection refuses frames at once,
 * and the transport is closed later, by the closer.
 */
class ConnectionCloseTest {

    private final StuckTransport transport = new StuckTransport();
    private final List<Runnable> closer = new ArrayList<>();
    private final List<Closing> counted = new ArrayList<>();
    private final Connection connection = new Connection("c1", Channel.WS, Principal.anonymousDevice(), transport,
            1_000, null, new ConnectionEvents() {
                @Override
                public void delivered() {
                }

                @Override
                public void shed() {
                }

                @Override
                public void closing(Connection c, Closing why) {
                    counted.add(why);
                }
            }, closer::add);

    @Test
    void anOverflowRefusesAtOnceAndClosesOnTheCloser() {
        Frame frame = Frame.text("x".repeat(400));
        assertTrue(connection.send(frame));
        assertTrue(connection.send(frame));
        assertFalse(connection.send(frame), "over the bound");

        assertTrue(connection.isClosing());
        assertEquals(List.of(Closing.SLOW_CONSUMER), counted);
        assertEquals(List.of(), transport.closes, "nothing closed inside the delivery");
        assertFalse(connection.send(Frame.text("small")), "nothing accepted after the overflow");

        assertEquals(1, closer.size());
        closer.get(0).run();
        assertEquals(List.of(Closing.SLOW_CONSUMER), transport.closes);
    }

    @Test
    void aFailedWriteClosesOnTheCloserToo() {
        assertTrue(connection.send(Frame.text("x")));
        transport.complete(false);

        assertTrue(connection.isClosing());
        assertEquals(List.of(), transport.closes);
        closer.forEach(Runnable::run);
        assertEquals(List.of(Closing.SEND_FAILED), transport.closes);
    }

    @Test
    void otherClosesStillRunWhereTheyAreAsked() {
        connection.close(Closing.TOO_MANY_ERRORS);
        assertEquals(List.of(Closing.TOO_MANY_ERRORS), transport.closes);
        assertEquals(List.of(), closer);
    }
}
