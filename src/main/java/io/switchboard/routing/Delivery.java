package io.switchboard.routing;

import io.switchboard.session.Frame;

/** An encoded frame and who gets it: the one thing that travels over the bus. */
public record Delivery(Target target, Frame frame) {
}
