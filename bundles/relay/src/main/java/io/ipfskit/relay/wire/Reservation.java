package io.ipfskit.relay.wire;

import io.ipfskit.multiformats.Multiaddr;
import java.util.List;

/** circuit.proto's Reservation: when it expires (Unix seconds), the relay's addresses, and the signed voucher. */
public record Reservation(long expire, List<Multiaddr> addresses, byte[] voucher) {
}
