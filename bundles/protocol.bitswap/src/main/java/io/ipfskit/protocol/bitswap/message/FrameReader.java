package io.ipfskit.protocol.bitswap.message;

import io.ipfskit.multiformats.LengthPrefixedFrames;

/** Splits a stream's bytes into Bitswap messages of at most {@link MessageCodec#MAX_MESSAGE} bytes. */
public final class FrameReader extends LengthPrefixedFrames<MalformedMessageException> {

    /** A reader for one stream. */
    public FrameReader() {
        super(MessageCodec.MAX_MESSAGE, MalformedMessageException::new);
    }
}
