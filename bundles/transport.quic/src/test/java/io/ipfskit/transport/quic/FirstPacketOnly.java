package io.ipfskit.transport.quic;

import io.ipfskit.multiformats.Multiaddr;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A path to a QUIC listener that carries the dialler's first packet (its Initial) and nothing after: the listener's
 * connection exists and waits for a handshake that cannot finish. Close it after.
 */
final class FirstPacketOnly implements AutoCloseable {

    private final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());

    FirstPacketOnly(Multiaddr listener) throws IOException {
        InetSocketAddress target = QuicAddresses.toSocketAddress(listener);
        Thread forwarder = new Thread(() -> {
            try {
                DatagramPacket first = new DatagramPacket(new byte[2048], 2048);
                socket.receive(first);
                socket.send(new DatagramPacket(first.getData(), first.getLength(), target));
            } catch (IOException e) {
                // closed by the test
            }
        }, "first-packet-only");
        forwarder.setDaemon(true);
        forwarder.start();
    }

    /** Where a dialler sends to reach the listener this way. */
    Multiaddr address() {
        return QuicAddresses.toMultiaddr((InetSocketAddress) socket.getLocalSocketAddress());
    }

    @Override
    public void close() {
        socket.close();
    }
}
