package io.ipfskit.api.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NodeRoleTest {

    @Test
    void parsesCaseInsensitivelyAndPrintsLowerCase() {
        assertEquals(NodeRole.MASTER, NodeRole.parse(" Master "));
        assertEquals(NodeRole.LEECHER, NodeRole.parse("leecher"));
        assertEquals("worker", NodeRole.WORKER.id());
    }

    @Test
    void unknownRoleNamesTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NodeRole.parse("king"));
        assertTrue(e.getMessage().contains("'king'") && e.getMessage().contains("master, worker or leecher"), e.getMessage());
    }
}
