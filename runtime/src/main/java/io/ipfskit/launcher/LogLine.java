package io.ipfskit.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The one log format: {@code 2026-11-29 11:51:06 WARN  org.example.Logger: message: Exception: reason}. A record's
 * exception is summarised on the same line; its stack trace follows only when the record's logger is at debug.
 */
final class LogLine {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private LogLine() {
    }

    /** The record as one line (plus its stack trace at debug), ending in a newline. */
    static String format(LogRecord record) {
        StringBuilder line = new StringBuilder();
        line.append(TIME.format(record.getInstant())).append(' ').append(String.format("%-5s", name(record.getLevel())))
                .append(' ').append(record.getLoggerName()).append(": ").append(message(record));
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            line.append(": ").append(summary(thrown));
        }
        line.append(System.lineSeparator());
        if (thrown != null && Logger.getLogger(record.getLoggerName() == null ? "" : record.getLoggerName())
                .isLoggable(Level.FINE)) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }

    /** Level names as kubo's and slf4j's logs spell them. */
    static String name(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        } else if (value >= Level.WARNING.intValue()) {
            return "WARN";
        } else if (value >= Level.INFO.intValue()) {
            return "INFO";
        } else if (value >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    private static String message(LogRecord record) {
        String message = record.getMessage() == null ? "" : record.getMessage();
        Object[] parameters = record.getParameters();
        if (parameters != null && parameters.length > 0 && message.contains("{")) {
            try {
                message = MessageFormat.format(message, parameters);
            } catch (IllegalArgumentException e) {
                // not a MessageFormat pattern: print it as it is
            }
        }
        return message.strip().replace("\n", " | ");
    }

    /** The innermost cause, as {@code SimpleName: message}. */
    static String summary(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip().replace("\n", " | "));
    }
}
