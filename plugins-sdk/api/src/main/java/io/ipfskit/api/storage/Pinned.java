package io.ipfskit.api.storage;

import io.ipfskit.multiformats.Cid;
import java.util.Locale;
import java.util.Objects;

/** How one block is pinned: directly, recursively, or indirectly {@code via} a recursively pinned root (else null). */
public record Pinned(PinType type, Cid via) {

    /** Checks that exactly an indirect pin names its root. */
    public Pinned {
        Objects.requireNonNull(type, "type");
        if ((type == PinType.INDIRECT) != (via != null)) {
            throw new IllegalArgumentException("an indirect pin, and only it, names the root it is reached from");
        }
    }

    /** As kubo words it: {@code recursive}, {@code direct}, or {@code indirect through ROOT}. */
    public String describe() {
        return type == PinType.INDIRECT ? "indirect through " + via : type.name().toLowerCase(Locale.ROOT);
    }
}
