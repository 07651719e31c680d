package io.ipfskit.dht.kad.host;

import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.dht.kad.core.KadNode;
import io.ipfskit.dht.kad.core.RequestRefusedException;
import io.ipfskit.dht.kad.core.Scheduler;
import io.ipfskit.dht.kad.wire.FrameReader;
import io.ipfskit.dht.kad.wire.KadMessage;
import io.ipfskit.dht.kad.wire.MalformedMessageException;
import io.ipfskit.dht.kad.wire.MessageCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves the requests a peer sends on one stream, in order (a peer may send several, as go's clients do): each is
 * answered before the next is read (reading pauses while our answer waits for the stream to drain). A malformed
 * message or a refused request resets the stream; so does a minute without a request (go's idle timeout). Runs on the
 * host's handler threads, never on an event loop.
 */
final class InboundRequests implements StreamListener {

    /** A stream with no request for this long is reset. */
    static final Duration IDLE = Duration.ofMinutes(1);

    private static final System.Logger LOG = System.getLogger(InboundRequests.class.getName());

    private final Stream stream;
    private final KadNode node;
    private final Scheduler scheduler;
    private final FrameReader frames = new FrameReader();
    private Scheduler.Cancellable idle;
    private boolean broken;

    InboundRequests(Stream stream, KadNode node, Scheduler scheduler) {
        this.stream = stream;
        this.node = node;
        this.scheduler = scheduler;
        this.idle = scheduler.schedule(IDLE, stream::reset);
    }

    @Override
    public synchronized void onData(byte[] data) {
        if (broken) {
            return;
        }
        List<byte[]> requests = new ArrayList<>();
        try {
            frames.feed(data, requests::add);
            for (byte[] request : requests) {
                serve(MessageCodec.decode(request));
            }
        } catch (MalformedMessageException | RequestRefusedException e) {
            LOG.log(System.Logger.Level.DEBUG, "DHT request from {0} refused: {1}", stream.remotePeer(), e.getMessage());
            fail();
        }
    }

    private void serve(KadMessage request) throws RequestRefusedException {
        idle.cancel();
        idle = scheduler.schedule(IDLE, stream::reset);
        KadMessage answer = node.handle(stream.remotePeer(), request);
        if (answer == null) {
            return;
        }
        stream.write(MessageCodec.frame(answer)).whenComplete((ok, error) -> {
            if (error != null) {
                stream.reset();
            }
        });
        if (!stream.writable()) {
            stream.pauseReading();
            stream.onWritable().whenComplete((ok, error) -> stream.resumeReading());
        }
    }

    @Override
    public synchronized void onRemoteClose() {
        idle.cancel();
        if (!broken) {
            stream.closeWrite();
        }
    }

    @Override
    public synchronized void onReset() {
        broken = true;
        idle.cancel();
    }

    private void fail() {
        broken = true;
        idle.cancel();
        stream.reset();
    }
}
