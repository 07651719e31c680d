package io.ipfskit.dht.kad.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipfskit.api.admin.RpcException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first file of a multipart body: its exact bytes, and client errors for what is not one or is too big. */
class ValueFileTest {

    private static byte[] read(String body, String contentType, int max) throws Exception {
        return DhtRpcCommands.valueFile(Replies.request(List.of(), new ByteArrayInputStream(
                body.getBytes(StandardCharsets.ISO_8859_1)), contentType), max);
    }

    @Test
    void readsTheFirstPartsBytesExactly() throws Exception {
        String body = "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nab\r\ncd\r\n--b\r\n"
                + "Content-Disposition: form-data; name=\"second\"\r\n\r\nzz\r\n--b--\r\n";
        assertArrayEquals("ab\r\ncd".getBytes(StandardCharsets.US_ASCII), read(body, "multipart/form-data; boundary=b", 100));
        assertArrayEquals(new byte[0], read("--b\r\n\r\n\r\n--b--\r\n", "multipart/form-data; boundary=\"b\"", 100));
    }

    @Test
    void refusesWhatIsNotAMultipartFileOrTooBig() {
        for (String[] bad : List.of(new String[] {"plain", "text/plain"},
                new String[] {"--b\r\nheaders without end", "multipart/form-data; boundary=b"},
                new String[] {"--b\r\n\r\nno closing boundary", "multipart/form-data; boundary=b"},
                new String[] {"--other\r\n\r\nx\r\n--other--", "multipart/form-data; boundary=b"},
                new String[] {"x", "multipart/form-data"})) {
            RpcException e = assertThrows(RpcException.class, () -> read(bad[0], bad[1], 100), bad[0]);
            assertEquals(RpcException.Kind.CLIENT, e.kind());
        }
        String big = "--b\r\n\r\n" + "x".repeat(11) + "\r\n--b--\r\n";
        assertEquals("the value is larger than 10 bytes", assertThrows(RpcException.class,
                () -> read(big, "multipart/form-data; boundary=b", 10)).getMessage());
        String huge = "--b\r\n\r\n" + "x".repeat(1 << 20);
        assertEquals("the value is larger than 10 bytes", assertThrows(RpcException.class,
                () -> read(huge, "multipart/form-data; boundary=b", 10)).getMessage(), "never read past the bound");
    }
}
