package io.switchboard.rooms;

import java.util.regex.Pattern;

/** A room name as clients give it: 1–64 characters of letters, digits and {@code _ - . :}. */
public final class RoomName {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private RoomName() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }
}
