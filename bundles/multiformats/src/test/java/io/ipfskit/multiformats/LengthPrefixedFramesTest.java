package io.ipfskit.multiformats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LengthPrefixedFramesTest {

    private static final int MAX = 4 << 20;

    private static LengthPrefixedFrames<IOException> reader() {
        return new LengthPrefixedFrames<>(MAX, IOException::new);
    }

    private static byte[] framed(byte[]... bodies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] body : bodies) {
            out.writeBytes(Varint.encode(body.length));
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    @Test
    void framesComeOutWholeAndInOrderHoweverTheBytesArrive() throws IOException {
        byte[] large = new byte[300_000];
        large[299_999] = 7;
        byte[] stream = framed(new byte[] {1}, large, new byte[0], new byte[] {2, 3});
        for (int chunk : new int[] {1, 7777, stream.length}) {
            LengthPrefixedFrames<IOException> reader = reader();
            List<byte[]> frames = new ArrayList<>();
            for (int i = 0; i < stream.length; i += chunk) {
                reader.feed(java.util.Arrays.copyOfRange(stream, i, Math.min(stream.length, i + chunk)), frames::add);
            }
            assertEquals(4, frames.size());
            assertArrayEquals(large, frames.get(1));
            assertEquals(0, frames.get(2).length);
            assertArrayEquals(new byte[] {2, 3}, frames.get(3));
        }
    }

    @Test
    void aFrameHoldsAtMostTwiceWhatArrivedAndALargeOneIsCopiedTwiceAtMost() throws IOException {
        int length = MAX - 1000;
        LengthPrefixedFrames<IOException> reader = reader();
        List<byte[]> frames = new ArrayList<>();
        reader.feed(Varint.encode(length), frames::add);
        assertEquals(64 * 1024, reader.capacity(), "the prefix alone gets the first 64 KiB");
        int arrived = 0;
        int grown = 0;
        byte[] chunk = new byte[16 * 1024];
        while (arrived + chunk.length < length) {
            int before = reader.capacity();
            reader.feed(chunk, frames::add);
            arrived += chunk.length;
            grown += reader.capacity() == before ? 0 : 1;
            assertTrue(reader.capacity() <= Math.max(64 * 1024, 2 * arrived), "held " + reader.capacity() + " for " + arrived);
        }
        assertEquals(length, reader.capacity(), "the whole frame once half of it arrived");
        assertEquals(6, grown, "128 KiB, 256 KiB, ... 2 MiB, then the whole frame");
        reader.feed(new byte[length - arrived], frames::add);
        assertEquals(length, frames.get(0).length);
        assertEquals(0, reader.capacity());
    }

    @Test
    void aLengthAboveTheBoundFailsBeforeAnyBodyAndTheBoundItselfPasses() throws IOException {
        IOException e = assertThrows(IOException.class, () -> reader().feed(Varint.encode(MAX + 1), f -> { }));
        assertEquals("message longer than " + MAX + " bytes", e.getMessage());
        List<byte[]> frames = new ArrayList<>();
        reader().feed(Varint.encode(MAX), frames::add);
        assertTrue(frames.isEmpty());
    }

    @Test
    void aPrefixLongerThanTheBoundNeedsIsRefused() {
        byte[] padded = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0};
        IOException e = assertThrows(IOException.class, () -> reader().feed(padded, f -> { }));
        assertEquals("message length prefix too long", e.getMessage());
    }
}
