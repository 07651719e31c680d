package io.ipfskit.muxer.yamux;

import io.netty.buffer.ByteBuf;
/** A yamux frame header (12 bytes, big-endian): version 0, type, flags, stream id, length. */
record YamuxFrame(int type, int flags, int streamId, long length) {

    static final int HEADER = 12;
    static final int DATA = 0;
    static final int WINDOW_UPDATE = 1;
    static final int PING = 2;
    static final int GO_AWAY = 3;
    static final int SYN = 1;
    static final int ACK = 2;
    static final int FIN = 4;
    static final int RST = 8;
    static final int GO_AWAY_NORMAL = 0;
    static final int GO_AWAY_PROTOCOL_ERROR = 1;
    static final int GO_AWAY_INTERNAL_ERROR = 2;

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Reads a header from 12 readable bytes; throws on an unknown version or type. */
    static YamuxFrame read(ByteBuf in) throws YamuxProtocolException {
        int version = in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedShort();
        int streamId = in.readInt();
        long length = in.readUnsignedInt();
        if (version != 0) {
            throw new YamuxProtocolException("yamux version " + version);
        }
        if (type > GO_AWAY) {
            throw new YamuxProtocolException("yamux frame type " + type);
        }
        return new YamuxFrame(type, flags, streamId, length);
    }

    /** Appends a header. */
    static void write(ByteBuf out, int type, int flags, int streamId, long length) {
        out.writeByte(0).writeByte(type).writeShort(flags).writeInt(streamId).writeInt((int) length);
    }
}
