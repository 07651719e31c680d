package io.ipfskit.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.FormatterLogger;
import org.osgi.service.log.LogService;

class JulLogServiceTest {

    private static final String NAME = "io.ipfskit.log.test";
    private final Logger jul = Logger.getLogger(NAME);
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final JulLogService service = new JulLogService(null);

    @BeforeEach
    void capture() {
        jul.addHandler(capture);
        jul.setUseParentHandlers(false);
        jul.setLevel(Level.INFO);
    }

    @AfterEach
    void release() {
        jul.removeHandler(capture);
    }

    @Test
    void placeholdersAreFilledAndATrailingThrowableIsTheRecordsException() {
        IllegalStateException failure = new IllegalStateException("boom");
        service.getLogger(NAME).error("component {} failed in {}", "Host", "activate", failure);
        assertEquals(1, records.size());
        assertEquals(Level.SEVERE, records.get(0).getLevel());
        assertEquals("component Host failed in activate", records.get(0).getMessage());
        assertSame(failure, records.get(0).getThrown());
    }

    @Test
    void aThrowableThatFillsAPlaceholderStaysInTheMessage() {
        service.getLogger(NAME).warn("saw {}", (Object) new IllegalStateException("x"));
        assertEquals("saw java.lang.IllegalStateException: x", records.get(0).getMessage());
        assertNull(records.get(0).getThrown());
    }

    @Test
    void levelsFollowTheJulLoggerAndConsumersRunOnlyWhenEnabled() {
        org.osgi.service.log.Logger logger = service.getLogger(NAME);
        assertTrue(logger.isInfoEnabled());
        assertFalse(logger.isDebugEnabled());
        logger.debug("hidden");
        logger.debug(l -> l.info("never"));
        logger.info(l -> l.info("shown {}", 1));
        assertEquals(List.of("shown 1"), records.stream().map(LogRecord::getMessage).toList());
    }

    @Test
    void formatterLoggersUsePrintfPatterns() {
        service.getLogger(NAME, FormatterLogger.class).warn("%s has %d peers", "node", 3);
        assertEquals("node has 3 peers", records.get(0).getMessage());
        assertEquals(Level.WARNING, records.get(0).getLevel());
    }

    @Test
    @SuppressWarnings("deprecation")
    void theOldLogServiceLevelsMapToJul() {
        assertEquals(Level.SEVERE, JulLogService.level(LogService.LOG_ERROR));
        assertEquals(Level.WARNING, JulLogService.level(LogService.LOG_WARNING));
        assertEquals(Level.INFO, JulLogService.level(LogService.LOG_INFO));
        assertEquals(Level.FINE, JulLogService.level(LogService.LOG_DEBUG));
    }
}
