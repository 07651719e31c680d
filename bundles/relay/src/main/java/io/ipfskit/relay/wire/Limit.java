package io.ipfskit.relay.wire;

/** The limits of a relayed connection: seconds it may last and bytes it may carry each way (0 = not limited). */
public record Limit(long durationSeconds, long dataBytes) {
}
