package io.switchboard.standalone;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** One line per record: time, level, logger, message (and the stack, when there is one). */
public final class LogFormat extends Formatter {
    @Override
    public String format(LogRecord r) {
        StringBuilder b = new StringBuilder(160)
                .append(Instant.ofEpochMilli(r.getMillis())).append(' ')
                .append(r.getLevel().getName()).append(' ')
                .append(shortName(r.getLoggerName())).append(": ")
                .append(formatMessage(r)).append(System.lineSeparator());
        if (r.getThrown() != null) {
            StringWriter sw = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(sw));
            b.append(sw);
        }
        return b.toString();
    }

    private static String shortName(String logger) {
        if (logger == null) {
            return "-";
        }
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }
}
