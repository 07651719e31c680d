package io.ipfskit.transport.quic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import org.junit.jupiter.api.Test;

/**
 * What QUIC hole punching relies on from the kernel (Linux 5.4 and later): in an SO_REUSEPORT group on one UDP port, a
 * socket connected to a peer receives that peer's datagrams, and the unconnected listener everyone else's.
 */
class ReusePortTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void aConnectedSocketOnTheListenPortReceivesItsPeersDatagramsAndTheListenerTheOthers() throws Exception {
        try (DatagramSocket listener = reusing(new InetSocketAddress(LOOPBACK, 0));
                DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                DatagramSocket other = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                DatagramSocket connected = reusing(listener.getLocalSocketAddress())) {
            connected.connect(peer.getLocalSocketAddress());
            for (int i = 0; i < 8; i++) {
                send(peer, listener, "from the peer " + i);
                send(other, listener, "from another " + i);
                assertEquals("from the peer " + i, receive(connected, peer));
                assertEquals("from another " + i, receive(listener, other));
            }
            // and the connected socket's datagrams leave from the listen port
            send(connected, peer, "back");
            assertEquals("back", receive(peer, listener));
        }
    }

    private static DatagramSocket reusing(java.net.SocketAddress at) throws Exception {
        DatagramSocket socket = new DatagramSocket(null);
        socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        socket.bind(at);
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static void send(DatagramSocket from, DatagramSocket to, String text) throws Exception {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        from.send(new DatagramPacket(bytes, bytes.length, to.getLocalSocketAddress()));
    }

    /** The next datagram on the socket (within 5 s), which must come from {@code sender}'s address. */
    private static String receive(DatagramSocket socket, DatagramSocket sender) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[256], 256);
        socket.receive(packet);
        assertEquals(sender.getLocalSocketAddress(), packet.getSocketAddress());
        byte[] data = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
        return new String(data, java.nio.charset.StandardCharsets.UTF_8);
    }
}
