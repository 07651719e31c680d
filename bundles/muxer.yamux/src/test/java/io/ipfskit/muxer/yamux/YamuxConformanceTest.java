package io.ipfskit.muxer.yamux;

import io.ipfskit.api.net.spi.StreamMuxer;
import io.ipfskit.testkit.MuxerConformance;

/** yamux passes the shared muxer suite. */
class YamuxConformanceTest extends MuxerConformance {

    @Override
    protected StreamMuxer muxer(int maxStreams) {
        return new YamuxMuxer(maxStreams, 16 * 1024 * 1024, 4 * 1024 * 1024);
    }
}
