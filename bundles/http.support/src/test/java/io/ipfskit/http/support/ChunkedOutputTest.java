package io.ipfskit.http.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkedOutputTest {

    @Test
    void aBodyGoesOutInOrderInChunksOfAtMostChunkBytes() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel();
        byte[] body = new byte[ChunkedOutput.CHUNK * 2 + 123];
        new Random(1).nextBytes(body);
        try (ChunkedOutput out = new ChunkedOutput(channel)) {
            out.write(body, 0, 10);
            out.write(body[10]);
            out.write(body, 11, body.length - 11);
        }
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        HttpContent content;
        while ((content = channel.readOutbound()) != null) {
            ByteBuf bytes = content.content();
            assertTrue(bytes.readableBytes() <= ChunkedOutput.CHUNK);
            byte[] part = new byte[bytes.readableBytes()];
            bytes.readBytes(part);
            sent.writeBytes(part);
            content.release();
        }
        assertArrayEquals(body, sent.toByteArray());
    }

    @Test
    void aLargeWriteIsCopiedSoTheCallerMayReuseItsArray() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel();
        byte[] block = new byte[ChunkedOutput.CHUNK * 3];
        Arrays.fill(block, (byte) 1);
        try (ChunkedOutput out = new ChunkedOutput(channel)) {
            out.write(block, 0, block.length);
            Arrays.fill(block, (byte) 2);
        }
        int contents = 0;
        HttpContent content;
        while ((content = channel.readOutbound()) != null) {
            ByteBuf bytes = content.content();
            assertEquals(ChunkedOutput.CHUNK, bytes.readableBytes());
            for (int i = bytes.readerIndex(); i < bytes.writerIndex(); i++) {
                assertEquals(1, bytes.getByte(i), "the bytes as they were when written");
            }
            content.release();
            contents++;
        }
        assertEquals(3, contents);
    }

    @Test
    void aClientThatWentAwayFailsTheWrite() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.close();
        ChunkedOutput out = new ChunkedOutput(channel);
        IOException e = assertThrows(IOException.class, () -> {
            out.write(new byte[] {1, 2, 3});
            out.flush();
        });
        assertTrue(e.getMessage().startsWith("the client went away"), e.getMessage());
    }
}
