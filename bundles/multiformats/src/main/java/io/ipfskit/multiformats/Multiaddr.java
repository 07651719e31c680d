package io.ipfskit.multiformats;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A validated multiaddr, a list of protocol components of at most {@link #MAX_LENGTH} bytes in
 * binary form, equal by that binary form (only {@link #of} and the derived-address methods may
 * yield the empty address; parsing and decoding reject it).
 */
public final class Multiaddr {

    /** The longest binary form accepted, in bytes. */
    public static final int MAX_LENGTH = 1024;

    private final List<Component> components;
    private final byte[] bytes;

    private Multiaddr(List<Component> components) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < components.size(); i++) {
            Component component = components.get(i);
            if (component.protocol == Protocol.UNIX && i < components.size() - 1) {
                throw new IllegalArgumentException("nothing may follow /unix in a multiaddr");
            }
            out.writeBytes(Varint.encode(component.protocol.code()));
            if (component.protocol.sizeBits() == Protocol.VARIABLE) {
                out.writeBytes(Varint.encode(component.value.length));
            }
            out.writeBytes(component.value);
            if (out.size() > MAX_LENGTH) {
                throw new IllegalArgumentException("multiaddr longer than " + MAX_LENGTH + " bytes");
            }
        }
        this.components = List.copyOf(components);
        this.bytes = out.toByteArray();
    }

    /** Returns the multiaddr of a list of components (possibly empty). */
    public static Multiaddr of(List<Component> components) {
        return new Multiaddr(components);
    }

    /** Parses the text form, such as "/ip4/127.0.0.1/tcp/4001". */
    public static Multiaddr parse(String text) {
        if (text.length() > 4 * MAX_LENGTH) {
            throw new IllegalArgumentException("multiaddr text longer than " + 4 * MAX_LENGTH + " characters");
        }
        if (!text.startsWith("/") || text.length() == 1) {
            throw new IllegalArgumentException("a multiaddr starts with '/' and names a protocol: '" + Multibase.abbreviate(text) + "'");
        }
        String[] parts = text.substring(1).split("/", -1);
        List<Component> components = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            Protocol protocol = Protocol.of(parts[i]);
            String value = "";
            if (protocol.sizeBits() != 0) {
                if (i + 1 == parts.length) {
                    throw new IllegalArgumentException("/" + protocol + " lacks its value in '" + Multibase.abbreviate(text) + "'");
                }
                value = protocol == Protocol.UNIX ? "/" + String.join("/", Arrays.asList(parts).subList(i + 1, parts.length)) : parts[i + 1];
                i = protocol == Protocol.UNIX ? parts.length : i + 1;
            }
            components.add(Component.of(protocol, value));
        }
        return new Multiaddr(components);
    }

    /** Decodes the binary form, which must fill the whole array. */
    public static Multiaddr decode(byte[] bytes) {
        if (bytes.length == 0 || bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("a binary multiaddr has 1 to " + MAX_LENGTH + " bytes, not " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<Component> components = new ArrayList<>();
        while (in.hasRemaining()) {
            Protocol protocol = Protocol.ofCode(Varint.read(in));
            long length = protocol.sizeBits() == Protocol.VARIABLE ? Varint.read(in) : protocol.sizeBits() / 8;
            if (length > in.remaining()) {
                throw new IllegalArgumentException("truncated /" + protocol + " value: " + length + " bytes, " + in.remaining() + " left");
            }
            byte[] value = new byte[(int) length];
            in.get(value);
            components.add(new Component(protocol, value));
        }
        return new Multiaddr(components);
    }

    /** Returns the multiaddr of a socket address: /ip4, /ip6 (with /ip6zone if scoped) or /dns if unresolved, then /tcp or /udp. */
    public static Multiaddr fromSocket(InetSocketAddress address, Protocol transport) {
        if (transport != Protocol.TCP && transport != Protocol.UDP) {
            throw new IllegalArgumentException("transport must be tcp or udp, not " + transport);
        }
        List<Component> components = new ArrayList<>();
        InetAddress ip = address.getAddress();
        if (ip == null) {
            components.add(Component.of(Protocol.DNS, address.getHostString()));
        } else if (ip instanceof Inet6Address ip6) {
            String zone = ip6.getScopedInterface() != null ? ip6.getScopedInterface().getName()
                : ip6.getScopeId() != 0 ? Integer.toString(ip6.getScopeId()) : null;
            if (zone != null) {
                components.add(Component.of(Protocol.IP6ZONE, zone));
            }
            components.add(new Component(Protocol.IP6, ip.getAddress()));
        } else {
            components.add(new Component(Protocol.IP4, ip.getAddress()));
        }
        components.add(Component.of(transport, Integer.toString(address.getPort())));
        return new Multiaddr(components);
    }

    /** Returns a copy of the binary form. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Returns the components, in order. */
    public List<Component> components() {
        return components;
    }

    /** Returns the text value of the first component of a protocol ("" for one without a value). */
    public Optional<String> valueOf(Protocol protocol) {
        return components.stream().filter(c -> c.protocol == protocol).findFirst().map(Component::valueString);
    }

    /** Returns this address followed by another. */
    public Multiaddr encapsulate(Multiaddr inner) {
        List<Component> joined = new ArrayList<>(components);
        joined.addAll(inner.components);
        return new Multiaddr(joined);
    }

    /** Drops the last component of a protocol and everything after it; returns this address if there is none. */
    public Multiaddr decapsulate(Protocol protocol) {
        for (int i = components.size() - 1; i >= 0; i--) {
            if (components.get(i).protocol == protocol) {
                return new Multiaddr(components.subList(0, i));
            }
        }
        return this;
    }

    /** Returns the peer id of a trailing /p2p component. */
    public Optional<PeerId> peerId() {
        return endsWithPeerId() ? Optional.of(PeerId.fromBytes(components.get(components.size() - 1).value)) : Optional.empty();
    }

    /** Returns this address ending in /p2p with the peer id, replacing any trailing /p2p. */
    public Multiaddr withPeerId(PeerId peerId) {
        List<Component> result = new ArrayList<>(withoutPeerId().components);
        result.add(new Component(Protocol.P2P, peerId.bytes()));
        return new Multiaddr(result);
    }

    /** Returns this address without a trailing /p2p component. */
    public Multiaddr withoutPeerId() {
        return endsWithPeerId() ? new Multiaddr(components.subList(0, components.size() - 1)) : this;
    }

    private boolean endsWithPeerId() {
        return !components.isEmpty() && components.get(components.size() - 1).protocol == Protocol.P2P;
    }

    /**
     * Returns the socket address of a leading host (/ip4, /ip6 with optional /ip6zone, or
     * unresolved /dns, /dns4, /dns6) followed by /tcp or /udp; never does a DNS lookup.
     */
    public Optional<InetSocketAddress> toSocketAddress() {
        int host = hostIndex();
        if (host < 0 || host + 1 >= components.size()) {
            return Optional.empty();
        }
        Component port = components.get(host + 1);
        if (port.protocol != Protocol.TCP && port.protocol != Protocol.UDP) {
            return Optional.empty();
        }
        int number = Integer.parseInt(port.valueString());
        Component name = components.get(host);
        return switch (name.protocol) {
            case DNS, DNS4, DNS6 -> Optional.of(InetSocketAddress.createUnresolved(name.valueString(), number));
            default -> inetAddress(host).map(ip -> new InetSocketAddress(ip, number));
        };
    }

    /** Tells whether the leading host is a loopback IP address (127.0.0.0/8, ::1 or IPv4-mapped loopback). */
    public boolean isLoopback() {
        int host = hostIndex();
        return host >= 0 && inetAddress(host).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    /** The index of the leading host component (after an optional /ip6zone), or -1. */
    private int hostIndex() {
        int host = !components.isEmpty() && components.get(0).protocol == Protocol.IP6ZONE ? 1 : 0;
        if (host >= components.size()) {
            return -1;
        }
        Protocol protocol = components.get(host).protocol;
        boolean ok = switch (protocol) {
            case IP6 -> true;
            case IP4, DNS, DNS4, DNS6 -> host == 0;
            default -> false;
        };
        return ok ? host : -1;
    }

    /** The IP address of the host component at an index, with the zone of a preceding /ip6zone. */
    private Optional<InetAddress> inetAddress(int host) {
        Component ip = components.get(host);
        if (ip.protocol != Protocol.IP4 && ip.protocol != Protocol.IP6) {
            return Optional.empty();
        }
        try {
            if (host == 0) {
                return Optional.of(InetAddress.getByAddress(ip.value));
            }
            String zone = components.get(0).valueString();
            if (zone.chars().allMatch(c -> c >= '0' && c <= '9') && zone.length() < 10) {
                return Optional.of(Inet6Address.getByAddress(null, ip.value, Integer.parseInt(zone)));
            }
            NetworkInterface nic = NetworkInterface.getByName(zone);
            return nic == null ? Optional.empty() : Optional.of(Inet6Address.getByAddress(null, ip.value, nic));
        } catch (UnknownHostException | SocketException e) {
            return Optional.empty();
        }
    }

    /** Returns the text form; "" for the empty address. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        components.forEach(text::append);
        return text.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Multiaddr other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** One validated multiaddr component: a protocol and its binary value (empty if it has none). */
    public record Component(Protocol protocol, byte[] value) {

        /** Validates the binary value for the protocol. */
        public Component {
            value = value.clone();
            protocol.codec().format(value);
        }

        /** Returns the component of a protocol and the text form of its value. */
        public static Component of(Protocol protocol, String value) {
            return new Component(protocol, protocol.codec().parse(value));
        }

        /** Returns a copy of the binary value. */
        @Override
        public byte[] value() {
            return value.clone();
        }

        /** Returns the text form of the value ("" for a protocol without a value). */
        public String valueString() {
            return protocol.codec().format(value);
        }

        /** Returns the text form of the component, such as "/tcp/4001". */
        @Override
        public String toString() {
            String text = valueString();
            return "/" + protocol + (text.isEmpty() || protocol == Protocol.UNIX ? "" : "/") + text;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Component other && protocol == other.protocol && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return 31 * protocol.hashCode() + Arrays.hashCode(value);
        }
    }
}
