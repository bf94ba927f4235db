package io.switchboard.routing;

/**
 * What publishing a delivery came to, decided where the receivers are known (this node, or the whole cluster):
 * how many connections it was queued to. Zero means nobody is online for the target, anywhere.
 */
public record Published(int receivers) {
    private static final Published[] SMALL = {new Published(0), new Published(1), new Published(2)};

    public static Published of(int receivers) {
        return receivers >= 0 && receivers < SMALL.length ? SMALL[receivers] : new Published(receivers);
    }

    public boolean reachedAnyone() {
        return receivers > 0;
    }
}
