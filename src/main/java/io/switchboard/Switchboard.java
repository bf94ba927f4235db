package io.switchboard;

/** The application's name and root package: the standalone server scans from here for its CDI beans. */
public final class Switchboard {
    public static final String NAME = "Switchboard";

    private Switchboard() {
    }
}
