package io.ipfskit.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.testing.MemoryMetrics;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimedCommandTest {

    private static final RpcRequest REQUEST = new RpcRequest("id", List.of(), Map.of(), new ByteArrayInputStream(new byte[0]), "");
    private final MemoryMetrics metrics = new MemoryMetrics();

    @Test
    void eachRunIsTimedByCommandAndOutcome() throws Exception {
        RpcCommand ok = (request, response) -> { };
        RpcCommand failing = (request, response) -> {
            throw RpcException.client("bad argument");
        };
        new TimedCommand("id", ok, () -> metrics).execute(REQUEST, null);
        new TimedCommand("id", ok, () -> metrics).execute(REQUEST, null);
        assertThrows(RpcException.class, () -> new TimedCommand("cat", failing, () -> metrics).execute(REQUEST, null));
        assertEquals(2, metrics.value(TimedCommand.METER, "command", "id", "outcome", "ok"));
        assertEquals(1, metrics.value(TimedCommand.METER, "command", "cat", "outcome", "error"));
    }

    @Test
    void withoutTheMetricsServiceTheCommandStillRuns() throws Exception {
        int[] runs = new int[1];
        new TimedCommand("id", (request, response) -> runs[0]++, () -> null).execute(REQUEST, null);
        assertEquals(1, runs[0]);
    }
}
