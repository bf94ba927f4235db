package io.switchboard.rooms;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** A device room's id (SPEC §12): 6 characters of {@code A-Z0-9}, drawn at random (36^6 ≈ 2.2 billion). */
public final class RoomId {
    public static final int LENGTH = 6;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final Pattern VALID = Pattern.compile("[A-Z0-9]{" + LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RoomId() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    public static String random() {
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(id);
    }
}
