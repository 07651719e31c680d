package io.ipfskit.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatsBwCommandTest {

    @Test
    void printsBytesAsKuboDoesThroughGoHumanize() {
        assertEquals("0 B", StatsBwCommand.bytes(0));
        assertEquals("9 B", StatsBwCommand.bytes(9.7));
        assertEquals("999 B", StatsBwCommand.bytes(999));
        assertEquals("1.0 kB", StatsBwCommand.bytes(1000));
        assertEquals("7.1 MB", StatsBwCommand.bytes(7_100_000));
        assertEquals("83 MB", StatsBwCommand.bytes(82_854_982));
        assertEquals("3.1 MB", StatsBwCommand.bytes(3 * 1024 * 1024));
    }
}
