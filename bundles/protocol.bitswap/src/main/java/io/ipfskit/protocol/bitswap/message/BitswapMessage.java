package io.ipfskit.protocol.bitswap.message;

import java.util.List;

/**
 * One Bitswap message as boxo's message.proto defines it: a want-list (entries, and whether it replaces the previous
 * one), blocks, block presences and the sender's pending bytes.
 */
public record BitswapMessage(List<WantEntry> wantlist, boolean full, List<WireBlock> blocks, List<Presence> presences,
        int pendingBytes) {

    /** Copies the lists so the record stays immutable. */
    public BitswapMessage {
        wantlist = List.copyOf(wantlist);
        blocks = List.copyOf(blocks);
        presences = List.copyOf(presences);
    }

    /** A message carrying only want-list entries. */
    public static BitswapMessage wants(List<WantEntry> entries, boolean full) {
        return new BitswapMessage(entries, full, List.of(), List.of(), 0);
    }

    /** A server's answer: blocks and presences, and how many bytes it still has queued for the receiver. */
    public static BitswapMessage response(List<WireBlock> blocks, List<Presence> presences, int pendingBytes) {
        return new BitswapMessage(List.of(), false, blocks, presences, pendingBytes);
    }

    /** Whether there is nothing in it worth sending. */
    public boolean isEmpty() {
        return wantlist.isEmpty() && !full && blocks.isEmpty() && presences.isEmpty();
    }
}
