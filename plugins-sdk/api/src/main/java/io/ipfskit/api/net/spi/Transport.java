package io.ipfskit.api.net.spi;

import io.ipfskit.multiformats.Multiaddr;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Opens raw byte channels to and from multiaddrs; register it with {@link #PROTOCOL} naming the multiaddr protocol it
 * carries (e.g. {@code tcp}). The given handler is added to each new channel's pipeline before any byte is read.
 */
public interface Transport {

    /** Service property holding the multiaddr protocol name this transport serves, e.g. {@code tcp}. */
    String PROTOCOL = "ipfskit.transport.protocol";

    /** Whether this transport can dial or listen on the address (ignoring a trailing {@code /p2p/...}). */
    boolean handles(Multiaddr address);

    /** Connects to the address within the timeout; the stage completes with the active channel. */
    CompletionStage<Channel> dial(Multiaddr address, Duration timeout, ChannelHandler initializer);

    /** Starts accepting channels on the address; throws if it cannot bind. */
    Listener listen(Multiaddr address, ChannelHandler initializer) throws IOException;

    /** The multiaddr of the remote end of a channel this transport opened. */
    Multiaddr remoteAddress(Channel channel);

    /** The multiaddr of the local end of a channel this transport opened. */
    Multiaddr localAddress(Channel channel);

    /** A bound listening socket; closing it stops accepting (open channels stay). */
    interface Listener extends AutoCloseable {

        /** The address actually bound (an ephemeral port resolved). */
        Multiaddr address();

        /**
         * Every address this listener is reachable on now (a relayed listener: one per reservation it holds); the host
         * advertises these. By default the one {@link #address()}.
         */
        default List<Multiaddr> addresses() {
            return List.of(address());
        }

        /**
         * Whom to call when {@link #addresses()} changes on its own (a relayed listener: a reservation came or went), so
         * the host can tell its peers (identify push). By default the addresses never change.
         */
        default void onAddressesChanged(Runnable changed) {
        }

        @Override
        void close();
    }
}
