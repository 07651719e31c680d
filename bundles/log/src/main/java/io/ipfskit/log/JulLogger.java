package io.ipfskit.log;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LoggerConsumer;

/**
 * A Log 1.4 {@code Logger} or {@code FormatterLogger} (a proxy over this handler) writing to one java.util.logging
 * logger: {@code trace..error} and {@code audit} map to FINEST, FINE, INFO, WARNING, SEVERE (audit: INFO);
 * {@code {}} placeholders (or printf patterns for a FormatterLogger) are filled, and a trailing Throwable or
 * ServiceReference argument is taken as such, as the Log 1.4 specification says.
 */
final class JulLogger implements InvocationHandler {

    private static final Map<String, Level> LEVELS = Map.of("trace", Level.FINEST, "debug", Level.FINE, "info", Level.INFO,
            "warn", Level.WARNING, "error", Level.SEVERE, "audit", Level.INFO);

    private final Logger logger;
    private final boolean printf;

    JulLogger(Logger logger, boolean printf) {
        this.logger = logger;
        this.printf = printf;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Exception {
        String name = method.getName();
        Object[] arguments = args == null ? new Object[0] : args;
        if (name.equals("getName")) {
            return logger.getName();
        }
        if (name.startsWith("is") && name.endsWith("Enabled")) {
            return logger.isLoggable(LEVELS.get(name.substring(2, name.length() - 7).toLowerCase()));
        }
        Level level = LEVELS.get(name);
        if (level == null) {
            return objectMethod(proxy, name, arguments);
        }
        if (arguments.length == 1 && arguments[0] instanceof LoggerConsumer<?> consumer) {
            if (logger.isLoggable(level)) {
                accept(consumer, proxy);
            }
            return null;
        }
        if (logger.isLoggable(level) || name.equals("audit")) {
            logger.log(record(level, arguments));
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void accept(LoggerConsumer consumer, Object proxy) throws Exception {
        consumer.accept((org.osgi.service.log.Logger) proxy);
    }

    private LogRecord record(Level level, Object[] arguments) {
        String format = String.valueOf(arguments[0]);
        Object[] values = flatten(Arrays.copyOfRange(arguments, 1, arguments.length));
        Throwable thrown = null;
        int count = values.length;
        while (count > 0 && (values[count - 1] instanceof Throwable || values[count - 1] instanceof ServiceReference<?>)
                && count > placeholders(format)) {
            if (values[count - 1] instanceof Throwable t && thrown == null) {
                thrown = t;
            }
            count--;
        }
        LogRecord record = new LogRecord(level, fill(format, Arrays.copyOf(values, count)));
        record.setLoggerName(logger.getName());
        record.setThrown(thrown);
        return record;
    }

    /** The varargs overload passes its arguments as one array. */
    private static Object[] flatten(Object[] values) {
        return values.length == 1 && values[0] instanceof Object[] array ? array : values;
    }

    private int placeholders(String format) {
        if (printf) {
            return (int) format.chars().filter(c -> c == '%').count();
        }
        int count = 0;
        for (int at = format.indexOf("{}"); at >= 0; at = format.indexOf("{}", at + 2)) {
            count++;
        }
        return count;
    }

    private String fill(String format, Object[] values) {
        if (printf) {
            try {
                return String.format(format, values);
            } catch (java.util.IllegalFormatException e) {
                return format + " " + Arrays.toString(values);
            }
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (Object value : values) {
            int at = format.indexOf("{}", from);
            if (at < 0) {
                break;
            }
            out.append(format, from, at).append(value);
            from = at + 2;
        }
        return out.append(format.substring(from)).toString();
    }

    private Object objectMethod(Object proxy, String name, Object[] arguments) {
        return switch (name) {
            case "toString" -> "Logger[" + logger.getName() + "]";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == arguments[0];
            default -> throw new UnsupportedOperationException(name);
        };
    }
}
