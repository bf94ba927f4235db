package io.switchboard.auth;

import io.switchboard.json.JsonSupport;

/**
 * The JSON body of a handshake refused with HTTP 401/403, in the admin API's error shape:
 * {@code {"error":"unauthorized"|"forbidden","message":...}}. The standalone server's Grizzly filter and the WAR's
 * servlet filter both answer with it, so a refused client reads the same thing everywhere.
 */
public record RefusalBody(String error, String message) {

    public static RefusalBody of(TokenCheck.Refused refused) {
        return new RefusalBody(HandshakeCheck.httpStatus(refused) == 403 ? "forbidden" : "unauthorized",
                refused.message());
    }

    public static String json(TokenCheck.Refused refused) {
        return JsonSupport.write(of(refused));
    }
}
