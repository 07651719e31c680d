package io.ipfskit.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LogTest {

    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final Logger QUIET = Logger.getLogger("io.ipfskit.test.quiet");
    private static final Logger LOUD = Logger.getLogger("io.ipfskit.test.loud");

    @Test
    void defaultsAreOursAtInfoAndTheRestAtWarn() {
        LogLevels defaults = LogLevels.parse(List.of());
        assertEquals(Level.INFO, defaults.ours());
        assertEquals(Level.WARNING, defaults.root());
        assertFalse(defaults.debug());
    }

    @Test
    void oneLevelForAllOrOnePerLogger() {
        LogLevels all = LogLevels.parse(List.of("debug"));
        assertEquals(Level.FINE, all.root());
        assertEquals(Level.FINE, all.ours());
        LogLevels some = LogLevels.parse(List.of("io.netty=debug,org.ehcache=error", "io.ipfskit.rpc=trace"));
        assertEquals(Map.of("io.netty", Level.FINE, "org.ehcache", Level.SEVERE, "io.ipfskit.rpc", Level.FINEST),
                some.loggers());
        assertEquals(Level.WARNING, some.root());
        assertTrue(some.debug(), "a logger at debug turns the platform's debug logs on");
        LauncherException bad = assertThrows(LauncherException.class, () -> LogLevels.parse(List.of("=info")));
        assertEquals("--log-level: '=info' names no logger (LOGGER=LEVEL)", bad.getMessage());
    }

    @Test
    void noisyThirdPartyLoggersStayAtErrorUnlessAskedFor() {
        String bouncyCastle = "org.bouncycastle.jsse.provider.DisabledAlgorithmConstraints";
        Logger logger = Logger.getLogger(bouncyCastle);
        LogSetup.apply(LogLevels.parse(List.of()));
        assertFalse(logger.isLoggable(Level.WARNING), "its start-up warnings are not printed by default");
        assertTrue(logger.isLoggable(Level.SEVERE));
        LogSetup.apply(LogLevels.parse(List.of("org.bouncycastle=warn")));
        assertTrue(logger.isLoggable(Level.WARNING), "asked for, it warns again");
        LogSetup.apply(LogLevels.parse(List.of("debug")));
        assertTrue(logger.isLoggable(Level.FINE));
        LogSetup.apply(LogLevels.defaults());
    }

    @Test
    void aRecordIsOneLineWithItsInnermostCauseAndNoStackTraceBelowDebug() {
        QUIET.setLevel(Level.INFO);
        LogRecord record = new LogRecord(Level.SEVERE, "cannot listen on {0}");
        record.setLoggerName("io.ipfskit.test.quiet");
        record.setParameters(new Object[] {"/ip4/127.0.0.1/tcp/4001"});
        record.setThrown(new IllegalStateException("wrapped", new java.net.BindException("Address already in use")));

        String line = LogLine.format(record);

        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ERROR io\\.ipfskit\\.test\\.quiet: cannot listen on "
                + "/ip4/127\\.0\\.0\\.1/tcp/4001: BindException: Address already in use\\R"), line);
    }

    @Test
    void atDebugTheStackTraceFollows() {
        LOUD.setLevel(Level.FINE);
        LogRecord record = new LogRecord(Level.WARNING, "failed");
        record.setLoggerName("io.ipfskit.test.loud");
        record.setThrown(new IllegalStateException("boom"));
        List<String> lines = LogLine.format(record).lines().toList();
        assertTrue(lines.get(0).endsWith("WARN  io.ipfskit.test.loud: failed: IllegalStateException: boom"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.trim().startsWith("at io.ipfskit.launcher.LogTest")), String.join("\n", lines));
    }
}
