package io.ipfskit.launcher;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

/**
 * What {@code --log-level} asks for: {@code LEVEL} for every logger, or {@code LOGGER=LEVEL} for one logger and those
 * below it (e.g. {@code io.netty=debug}); levels are error, warn, info, debug, trace. Without it ours
 * ({@code io.ipfskit}) log at info and everything else at warn.
 */
record LogLevels(Level all, Map<String, Level> loggers) {

    /** Our loggers' prefix. */
    static final String OURS = "io.ipfskit";

    /**
     * Third-party loggers kept at error unless asked for, as they warn at every start about nothing an operator can
     * act on: BouncyCastle's JSSE names each entry of the JDK's disabled-algorithm list it does not understand.
     */
    static final Map<String, Level> QUIETED = Map.of("org.bouncycastle.jsse.provider.DisabledAlgorithmConstraints",
            Level.SEVERE);

    /** The levels given on the command line; a bad one is a {@link LauncherException} naming it. */
    static LogLevels parse(List<String> specs) {
        Level all = null;
        Map<String, Level> loggers = new LinkedHashMap<>();
        for (String spec : specs) {
            for (String part : spec.split(",")) {
                String item = part.trim();
                int equals = item.indexOf('=');
                if (equals < 0) {
                    all = level(item);
                } else if (equals == 0) {
                    throw new LauncherException("--log-level: '" + item + "' names no logger (LOGGER=LEVEL)");
                } else {
                    loggers.put(item.substring(0, equals).trim(), level(item.substring(equals + 1)));
                }
            }
        }
        return new LogLevels(all, loggers);
    }

    /** The defaults: ours at info, the rest at warn. */
    static LogLevels defaults() {
        return new LogLevels(null, Map.of());
    }

    /** The level of the root logger (third-party libraries). */
    Level root() {
        return all != null ? all : Level.WARNING;
    }

    /** The level of our loggers. */
    Level ours() {
        return all != null ? all : Level.INFO;
    }

    /** The level asked for a logger: that of the longest configured prefix of its name, else the one for all. */
    Optional<Level> asked(String logger) {
        return loggers.entrySet().stream().filter(e -> logger.equals(e.getKey()) || logger.startsWith(e.getKey() + "."))
                .max(Comparator.comparingInt(e -> e.getKey().length())).map(Map.Entry::getValue)
                .or(() -> Optional.ofNullable(all));
    }

    /** The level a logger works at: as asked, else ours at info and the rest at warn. */
    Level effective(String logger) {
        return asked(logger).orElse(logger.startsWith(OURS) ? Level.INFO : Level.WARNING);
    }

    /** Whether anything was asked at debug or finer, so that platform components (SCR, Felix) log that much too. */
    boolean debug() {
        return root().intValue() <= Level.FINE.intValue()
                || loggers.values().stream().anyMatch(l -> l.intValue() <= Level.FINE.intValue());
    }

    private static Level level(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "error" -> Level.SEVERE;
            case "warn", "warning" -> Level.WARNING;
            case "info" -> Level.INFO;
            case "debug" -> Level.FINE;
            case "trace" -> Level.FINEST;
            default -> throw new LauncherException("--log-level: unknown level '" + name.trim()
                    + "' (error, warn, info, debug or trace)");
        };
    }
}
