package io.ipfskit.launcher;

import java.io.PrintStream;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One log for the whole process: every library (ours through System.Logger, Ehcache through slf4j, SPI Fly, the
 * Felix framework, SCR, ConfigAdmin, FileInstall and the metatype service through the OSGi log bridge) ends in
 * java.util.logging, and this handler prints each record on one line of stderr ({@link LogLine}).
 */
final class LogSetup {

    /** Strong references: JUL holds loggers weakly, and a configured level must not be collected. */
    private static final Map<String, Logger> CONFIGURED = new java.util.concurrent.ConcurrentHashMap<>();

    private static volatile LogLevels current = LogLevels.defaults();

    private LogSetup() {
    }

    /** Routes the root logger to stderr in one format and applies the levels. */
    static void apply(LogLevels levels) {
        current = levels;
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new LineHandler(System.err));
        root.setLevel(levels.root());
        configure(LogLevels.OURS, levels.ours());
        LogLevels.QUIETED.forEach((name, level) -> configure(name, levels.asked(name).orElse(level)));
        levels.loggers().forEach(LogSetup::configure);
    }

    /** Stops logging (the node is stopping on a fatal error it prints itself), unless debug was asked for. */
    static void quietUnlessDebug() {
        if (!current.debug()) {
            Logger.getLogger("").setLevel(Level.OFF);
            CONFIGURED.values().forEach(logger -> logger.setLevel(Level.OFF));
        }
    }

    private static void configure(String name, Level level) {
        Logger logger = CONFIGURED.computeIfAbsent(name, Logger::getLogger);
        logger.setLevel(level);
    }

    /** Prints records whose logger allows them, one line each. */
    private static final class LineHandler extends Handler {
        private final PrintStream out;

        LineHandler(PrintStream out) {
            this.out = out;
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                out.print(LogLine.format(record));
                out.flush();
            }
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
