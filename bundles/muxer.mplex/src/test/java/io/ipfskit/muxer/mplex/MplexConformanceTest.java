package io.ipfskit.muxer.mplex;

import io.ipfskit.api.net.spi.StreamMuxer;
import io.ipfskit.testkit.MuxerConformance;

/** mplex passes the shared muxer suite. */
class MplexConformanceTest extends MuxerConformance {

    @Override
    protected StreamMuxer muxer(int maxStreams) {
        return new MplexMuxer(maxStreams, 4 * 1024 * 1024);
    }
}
