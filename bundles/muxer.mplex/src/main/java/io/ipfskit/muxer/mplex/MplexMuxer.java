package io.ipfskit.muxer.mplex;

import io.ipfskit.api.net.spi.MuxedConnection;
import io.ipfskit.api.net.spi.MuxedStream;
import io.ipfskit.api.net.spi.StreamMuxer;
import io.netty.channel.Channel;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The {@code /mplex/6.7.0} muxer, for peers without yamux; ranked below the default so yamux is offered first. */
@Component(service = StreamMuxer.class, property = {StreamMuxer.PROTOCOL_ID + "=" + MplexMuxer.PROTOCOL,
        "service.ranking:Integer=-10"}, configurationPid = "io.ipfskit.muxer.mplex")
@Designate(ocd = MplexMuxer.Config.class)
public final class MplexMuxer implements StreamMuxer {

    /** The libp2p protocol id of mplex. */
    public static final String PROTOCOL = "/mplex/6.7.0";

    /** Limits of every mplex session. */
    @ObjectClassDefinition(name = "IPFS Kit mplex muxer")
    public @interface Config {

        /** Open streams per connection; further inbound streams are reset. */
        @AttributeDefinition(description = "Open streams per connection; more inbound streams are reset")
        int maxStreams() default 512;

        /**
         * Bytes a stream may hold unread: beyond, the connection is not read until it drained to half (a stream without
         * a handler yet is reset instead).
         */
        @AttributeDefinition(description = "Unread bytes per stream before the connection stops reading (until half is read)")
        int maxBuffered() default 1024 * 1024;
    }

    private final int maxStreams;
    private final int maxBuffered;

    /** Reads the limits from configuration. */
    @Activate
    public MplexMuxer(Config config) {
        this(config.maxStreams(), config.maxBuffered());
    }

    /** Uses the given limits. */
    public MplexMuxer(int maxStreams, int maxBuffered) {
        this.maxStreams = maxStreams;
        this.maxBuffered = maxBuffered;
    }

    @Override
    public String protocolId() {
        return PROTOCOL;
    }

    @Override
    public MuxedConnection start(Channel channel, boolean initiator, Consumer<MuxedStream> inbound) {
        MplexSession session = new MplexSession(maxStreams, maxBuffered, inbound);
        channel.pipeline().addLast("mplex", session);
        return session;
    }
}
