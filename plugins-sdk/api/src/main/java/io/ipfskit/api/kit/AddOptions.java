package io.ipfskit.api.kit;

/**
 * How {@link IpfsKit#add} cuts content into blocks, with kubo's flag names ({@code --cid-version}, {@code --raw-leaves},
 * {@code --chunker size-N}, {@code --trickle}, {@code --wrap-with-directory}); {@link #DEFAULTS} are kubo's.
 */
public record AddOptions(int cidVersion, boolean rawLeaves, int chunkSize, boolean trickle, boolean wrapWithDirectory) {

    /** kubo's defaults: CIDv0, dag-pb leaves, 262144-byte chunks, balanced layout, no wrapping directory. */
    public static final AddOptions DEFAULTS = new AddOptions(0, false, 262144, false, false);

    /** These options with another CID version, switching raw leaves on for version 1 and off for 0 as kubo does. */
    public AddOptions withCidVersion(int version) {
        return new AddOptions(version, version == 1, chunkSize, trickle, wrapWithDirectory);
    }

    /** These options with or without a wrapping directory. */
    public AddOptions withWrapWithDirectory(boolean wrap) {
        return new AddOptions(cidVersion, rawLeaves, chunkSize, trickle, wrap);
    }
}
