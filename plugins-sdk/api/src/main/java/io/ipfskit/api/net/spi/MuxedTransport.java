package io.ipfskit.api.net.spi;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A transport whose connections come authenticated and multiplexed by the transport itself (e.g. {@code quic-v1}), so
 * the host skips its security and muxer upgrade; register it with {@link Transport#PROTOCOL}.
 */
public interface MuxedTransport {

    /** Whether this transport can dial or listen on the address (ignoring a trailing {@code /p2p/...}). */
    boolean handles(Multiaddr address);

    /**
     * Connects and handshakes within the timeout; fails when the authenticated remote is not {@code expectedRemote}.
     */
    CompletionStage<Session> dial(Multiaddr address, PeerId expectedRemote, Duration timeout);

    /** Starts accepting connections on the address, each passed to the acceptor before its handshake; throws if it cannot bind. */
    Transport.Listener listen(Multiaddr address, Acceptor acceptor) throws IOException;

    /**
     * Hole punching's dialling side (DCUtR over a transport with a client and a server, e.g. QUIC): dials as
     * {@link #dial} does, but from the socket listening for the address's family, so the remote's NAT sees the
     * mapping our peers observe; by default a plain dial.
     */
    default CompletionStage<Session> punchDial(Multiaddr address, PeerId expectedRemote, Duration timeout) {
        return dial(address, expectedRemote, timeout);
    }

    /**
     * Hole punching's other side: opens our NAT to the address, which will dial us, by sending it packets of random
     * bytes from the listening socket at random intervals until {@code within} has passed or the returned stop is run
     * (its connection arrives through the listener); by default sends nothing.
     */
    default Runnable punchOpen(Multiaddr address, Duration within) {
        return () -> { };
    }

    /** Receives each inbound connection as its handshake begins. */
    @FunctionalInterface
    interface Acceptor {

        /**
         * A remote at {@code remote} began a handshake on {@code channel} (called on its event loop): the acceptor may
         * close the channel to refuse it; {@code handshake} completes with the session, or fails.
         */
        void accept(InetSocketAddress remote, Channel channel, CompletionStage<Session> handshake);
    }

    /** An authenticated, multiplexed connection whose streams start flowing once {@link #start} is called. */
    interface Session {

        /** The connection's channel: its event loop runs the streams' callbacks; closing it ends the connection. */
        Channel channel();

        /** Who the remote provably is, and the security protocol's name. */
        SecureSession security();

        /** The name of the multiplexing the transport does. */
        String muxer();

        /** The remote end's address. */
        Multiaddr remoteAddress();

        /** Our end's address. */
        Multiaddr localAddress();

        /** Starts multiplexing; each stream the remote opens is passed to {@code inbound} on the event loop. */
        MuxedConnection start(Consumer<MuxedStream> inbound);
    }
}
