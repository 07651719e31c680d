package io.ipfskit.protocol.bitswap.message;

/** What a want-list entry asks for: the block itself, or only whether the peer has it; numbered as on the wire. */
public enum WantType {
    /** Send the block (wire value 0, the default). */
    BLOCK,
    /** Say HAVE (or send the block when it is tiny); DONT_HAVE when asked for (wire value 1). */
    HAVE
}
