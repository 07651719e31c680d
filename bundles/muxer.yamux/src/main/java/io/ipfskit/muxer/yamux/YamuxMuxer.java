package io.ipfskit.muxer.yamux;

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

/** The {@code /yamux/1.0.0} muxer (hashicorp's yamux spec), with configurable stream and window limits. */
@Component(service = StreamMuxer.class, property = StreamMuxer.PROTOCOL_ID + "=" + YamuxMuxer.PROTOCOL,
        configurationPid = "io.ipfskit.muxer.yamux")
@Designate(ocd = YamuxMuxer.Config.class)
public final class YamuxMuxer implements StreamMuxer {

    /** The libp2p protocol id of yamux. */
    public static final String PROTOCOL = "/yamux/1.0.0";

    /** Limits of every yamux session. */
    @ObjectClassDefinition(name = "IPFS Kit yamux muxer")
    public @interface Config {

        /** Open streams per connection, both directions together; further inbound streams are reset. */
        @AttributeDefinition(description = "Open streams per connection; more inbound streams are reset")
        int maxStreams() default 512;

        /** The largest receive window a stream may grow to, in bytes (starts at 256 KiB). */
        @AttributeDefinition(description = "Largest receive window per stream in bytes (starts at 262144)")
        int maxWindow() default 16 * 1024 * 1024;

        /**
         * Bytes a stream may queue for sending beyond the remote's window before writes fail; the stream reports itself
         * not writable from half of that until it drained to a quarter.
         */
        @AttributeDefinition(description = "Bytes queued per stream beyond the remote's window before writes fail (not writable from half of it)")
        int maxPendingWrite() default 4 * 1024 * 1024;
    }

    private final YamuxSettings settings;

    /** Reads the limits from configuration. */
    @Activate
    public YamuxMuxer(Config config) {
        this(config.maxStreams(), config.maxWindow(), config.maxPendingWrite());
    }

    /** Uses the given limits. */
    public YamuxMuxer(int maxStreams, int maxWindow, int maxPendingWrite) {
        this.settings = new YamuxSettings(maxStreams, maxWindow, maxPendingWrite);
    }

    @Override
    public String protocolId() {
        return PROTOCOL;
    }

    @Override
    public MuxedConnection start(Channel channel, boolean initiator, Consumer<MuxedStream> inbound) {
        YamuxSession session = new YamuxSession(initiator, settings, inbound);
        channel.pipeline().addLast("yamux", session);
        return session;
    }
}
