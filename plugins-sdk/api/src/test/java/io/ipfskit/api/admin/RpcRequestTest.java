package io.ipfskit.api.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RpcRequestTest {

    private static RpcRequest request(Map<String, List<String>> options, String... arguments) {
        return new RpcRequest("test", List.of(arguments), options, InputStream.nullInputStream(), "");
    }

    @Test
    void argumentsAndLastOptionValueWin() throws RpcException {
        RpcRequest request = request(Map.of("count", List.of("1", "5")), "peer");
        assertEquals("peer", request.argument(0, "peer"));
        assertEquals("5", request.option("count").orElseThrow());
        assertEquals(5, request.number("count", 10, 1, 100));
        assertEquals(10, request.number("absent", 10, 1, 100));
    }

    @Test
    void missingArgumentIsAClientError() {
        RpcException e = assertThrows(RpcException.class, () -> request(Map.of()).argument(0, "peer"));
        assertEquals(RpcException.Kind.CLIENT, e.kind());
        assertEquals(400, e.kind().httpStatus());
        assertTrue(e.getMessage().contains("\"peer\""));
    }

    @Test
    void flagsFollowKuboAndRejectOtherValues() throws RpcException {
        assertTrue(request(Map.of("quiet", List.of(""))).flag("quiet", false));
        assertFalse(request(Map.of("quiet", List.of("false"))).flag("quiet", true));
        assertTrue(request(Map.of()).flag("quiet", true));
        assertThrows(RpcException.class, () -> request(Map.of("quiet", List.of("maybe"))).flag("quiet", false));
    }

    @Test
    void numbersOutOfBoundsOrMalformedAreClientErrors() {
        assertThrows(RpcException.class, () -> request(Map.of("count", List.of("0"))).number("count", 1, 1, 10));
        assertThrows(RpcException.class, () -> request(Map.of("count", List.of("ten"))).number("count", 1, 1, 10));
    }

    @Test
    void durationsAreReadInGosSyntax() throws RpcException {
        assertEquals(Duration.ofSeconds(90), timeout("1m30s"));
        assertEquals(Duration.ofMillis(500), timeout("500ms"));
        assertEquals(Duration.ofMillis(1500), timeout("1.5s"));
        assertEquals(Duration.ofHours(2), timeout("2h"));
        assertEquals(Duration.ZERO, timeout("0"));
        assertEquals(Duration.ofSeconds(7), request(Map.of()).duration("timeout", Duration.ofSeconds(7)));
        for (String bad : List.of("", "10", "s", "1x", "-1s", "1s2", "1 s")) {
            assertThrows(RpcException.class, () -> timeout(bad), bad);
        }
    }

    private static Duration timeout(String value) throws RpcException {
        return request(Map.of("timeout", List.of(value))).duration("timeout", null);
    }
}
