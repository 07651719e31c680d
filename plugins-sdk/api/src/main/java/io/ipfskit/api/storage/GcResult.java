package io.ipfskit.api.storage;

/** What one garbage collection removed: blocks and their bytes. */
public record GcResult(long blocksRemoved, long bytesRemoved) {
}
