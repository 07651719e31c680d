package io.ipfskit.muxer.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** yamux frames built and parsed by hand (12-byte big-endian header, then DATA's payload), apart from the codec. */
final class YamuxWire {

    /** One frame; {@code data} (one char per byte) is empty unless it is a DATA frame. */
    record Frame(int type, int flags, int streamId, long length, String data) {

        /** A header-only frame. */
        Frame(int type, int flags, int streamId, long length) {
            this(type, flags, streamId, length, "");
        }
    }

    private YamuxWire() {
    }

    /** A header-only frame (version 0). */
    static ByteBuf header(int type, int flags, int streamId, long length) {
        return Unpooled.buffer(12).writeByte(0).writeByte(type).writeShort(flags).writeInt(streamId).writeInt((int) length);
    }

    /** A DATA frame carrying the payload. */
    static ByteBuf data(int flags, int streamId, byte[] payload) {
        return header(YamuxFrame.DATA, flags, streamId, payload.length).writeBytes(payload);
    }

    /** Drains everything the channel wrote and parses it into frames. */
    static List<Frame> sent(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf part; (part = channel.readOutbound()) != null; part.release()) {
            all.writeBytes(part);
        }
        List<Frame> frames = new ArrayList<>();
        while (all.readableBytes() >= 12) {
            if (all.readUnsignedByte() != 0) {
                throw new AssertionError("a frame of another version was sent");
            }
            int type = all.readUnsignedByte();
            int flags = all.readUnsignedShort();
            int id = all.readInt();
            long length = all.readUnsignedInt();
            byte[] payload = new byte[type == YamuxFrame.DATA ? (int) length : 0];
            all.readBytes(payload);
            frames.add(new Frame(type, flags, id, length, new String(payload, StandardCharsets.ISO_8859_1)));
        }
        if (all.isReadable()) {
            throw new AssertionError("a partial frame was sent");
        }
        all.release();
        return frames;
    }

    /** The error codes of the GO_AWAY frames among these. */
    static List<Integer> goAwayCodes(List<Frame> frames) {
        return frames.stream().filter(f -> f.type() == YamuxFrame.GO_AWAY).map(f -> (int) f.length()).toList();
    }
}
