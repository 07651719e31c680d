package io.ipfskit.dht.kad.wire;

/**
 * A {@code Record}: the key it is stored under, its value, and the receiver's RFC 3339 time of receipt (empty when
 * unset). Arrays are shared, not copied: treat them as read-only.
 */
public record WireRecord(byte[] key, byte[] value, String timeReceived) {
}
