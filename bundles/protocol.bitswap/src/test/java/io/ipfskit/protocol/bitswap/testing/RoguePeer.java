package io.ipfskit.protocol.bitswap.testing;

import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.bitswap.message.BitswapMessage;
import io.ipfskit.protocol.bitswap.message.Dialect;
import io.ipfskit.protocol.bitswap.message.FrameReader;
import io.ipfskit.protocol.bitswap.message.MalformedMessageException;
import io.ipfskit.protocol.bitswap.message.MessageCodec;
import io.ipfskit.testkit.TestHost;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * A hand-driven Bitswap peer for tests: it speaks one protocol id, records every message it receives, answers each
 * with what {@link #answer} returns (nothing when null), and sends whatever bytes a test wants.
 */
public final class RoguePeer implements AutoCloseable {

    public final TestHost test = new TestHost();
    public final BlockingQueue<BitswapMessage> received = new LinkedBlockingQueue<>();
    public final AtomicLong blockBytesReceived = new AtomicLong();
    public final Dialect dialect;
    public volatile BiFunction<PeerId, BitswapMessage, BitswapMessage> answer = (p, m) -> null;

    public RoguePeer(Dialect dialect) {
        this.dialect = dialect;
        test.host.addProtocolHandler(new ProtocolHandler() {
            @Override
            public String protocolId() {
                return dialect.protocolId();
            }

            @Override
            public StreamListener accept(Stream stream) {
                return reader(stream);
            }
        });
    }

    public PeerId id() {
        return test.node.peerId();
    }

    private StreamListener reader(Stream stream) {
        FrameReader frames = new FrameReader();
        return new StreamListener() {
            @Override
            public void onData(byte[] data) {
                try {
                    frames.feed(data, frame -> {
                        try {
                            BitswapMessage m = MessageCodec.decode(frame);
                            m.blocks().forEach(b -> blockBytesReceived.addAndGet(b.data().length));
                            received.add(m);
                            BitswapMessage reply = answer.apply(stream.remotePeer(), m);
                            if (reply != null) {
                                send(stream.remotePeer(), MessageCodec.frame(reply, dialect));
                            }
                        } catch (MalformedMessageException e) {
                            stream.reset();
                        }
                    });
                } catch (MalformedMessageException e) {
                    stream.reset();
                }
            }

            @Override
            public void onRemoteClose() {
                stream.closeWrite();
            }
        };
    }

    /** Opens a stream to the peer and writes the bytes on it. */
    public void send(PeerId peer, byte[] bytes) {
        test.host.newStream(peer, List.of(dialect.protocolId()), this::reader).thenAccept(s -> s.write(bytes));
    }

    /** Sends one message, framed. */
    public void send(PeerId peer, BitswapMessage message) {
        send(peer, MessageCodec.frame(message, dialect));
    }

    /** The next message received, waiting up to ten seconds. */
    public BitswapMessage next() throws InterruptedException {
        BitswapMessage m = received.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no bitswap message within 10 s");
        }
        return m;
    }

    @Override
    public void close() {
        test.close();
    }
}
