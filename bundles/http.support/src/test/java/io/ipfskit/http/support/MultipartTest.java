package io.ipfskit.http.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartTest {

    private static final String TYPE = "multipart/form-data; boundary=XyZ123";

    private static byte[] body(byte[]... contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < contents.length; i++) {
            out.writeBytes(("--XyZ123\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dir%2Ff" + i
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(contents[i]);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("--XyZ123--\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Hands out at most 7 bytes per read, so delimiters straddle every refill. */
    private static InputStream trickling(byte[] data) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }

    @Test
    void splitsPartsWhateverTheReadSizes() throws IOException {
        byte[] large = new byte[200_000];
        new Random(3).nextBytes(large);
        byte[] tricky = "a\r\n--XyZ12\r\n-XyZ123\r\n--".getBytes(StandardCharsets.US_ASCII);
        for (InputStream in : new InputStream[] {new ByteArrayInputStream(body(large, tricky, new byte[0])),
                trickling(body(large, tricky, new byte[0]))}) {
            Multipart multipart = new Multipart(in, TYPE);
            Multipart.Part first = multipart.next();
            assertEquals("dir/f0", first.filename());
            assertEquals("file", first.name());
            assertArrayEquals(large, first.body().readAllBytes());
            assertArrayEquals(tricky, multipart.next().body().readAllBytes());
            Multipart.Part empty = multipart.next();
            assertEquals(0, empty.body().readAllBytes().length);
            assertNull(multipart.next());
        }
    }

    @Test
    void skipsUnreadPartsAndRejectsTruncation() throws IOException {
        Multipart multipart = new Multipart(new ByteArrayInputStream(body(new byte[100], new byte[] {1})), TYPE);
        multipart.next();
        assertArrayEquals(new byte[] {1}, multipart.next().body().readAllBytes());
        byte[] whole = body(new byte[100]);
        Multipart truncated = new Multipart(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 20)), TYPE);
        InputStream part = truncated.next().body();
        IOException thrown = assertThrows(IOException.class, part::readAllBytes);
        assertTrue(thrown.getMessage().contains("truncated"), thrown.getMessage());
        assertThrows(IOException.class, () -> new Multipart(new ByteArrayInputStream(whole), "application/json"));
    }

    /** Contents made of pieces of the delimiter (the skip search's worst case), read in random sizes, come out whole. */
    @Test
    void findsEveryDelimiterAmongItsOwnFragments() throws IOException {
        Random random = new Random(11);
        byte[] delimiter = "\r\n--XyZ123".getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 200; round++) {
            byte[][] contents = new byte[1 + random.nextInt(3)][];
            for (int i = 0; i < contents.length; i++) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                for (int pieces = random.nextInt(40); pieces > 0; pieces--) {
                    int from = random.nextInt(delimiter.length);
                    content.write(delimiter, from, random.nextInt(delimiter.length - from));
                    content.write(random.nextInt(256));
                }
                contents[i] = content.toByteArray();
            }
            int most = 1 + random.nextInt(100);
            InputStream in = new FilterInputStream(new ByteArrayInputStream(body(contents))) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return super.read(b, off, Math.min(len, most));
                }
            };
            Multipart multipart = new Multipart(in, TYPE);
            for (byte[] content : contents) {
                assertArrayEquals(content, multipart.next().body().readAllBytes(), "round " + round);
            }
            assertNull(multipart.next());
        }
    }
}
