package io.ipfskit.unixfs;

/**
 * How files are cut into blocks, with kubo's names: {@code --cid-version}, {@code --raw-leaves}, {@code --chunker}
 * and {@code --trickle}; {@link #KUBO_DEFAULTS} gives the root CIDs that {@code ipfs add} prints.
 */
public record ImportOptions(int cidVersion, boolean rawLeaves, int chunkSize, boolean trickle) {

    /** kubo's default chunk size: 256 KiB. */
    public static final int DEFAULT_CHUNK_SIZE = 262144;
    /** kubo's largest chunk size: 1 MiB. */
    public static final int MAX_CHUNK_SIZE = 1048576;
    /** Most links per file node, as kubo (helpers.DefaultLinksPerBlock). */
    public static final int MAX_LINKS = 174;
    /** kubo's defaults: CIDv0, dag-pb leaves, 256 KiB chunks, balanced layout. */
    public static final ImportOptions KUBO_DEFAULTS = new ImportOptions(0, false, DEFAULT_CHUNK_SIZE, false);

    /** Checks the version and the chunk size. */
    public ImportOptions {
        if (cidVersion != 0 && cidVersion != 1) {
            throw new IllegalArgumentException("cid-version must be 0 or 1, not " + cidVersion);
        }
        if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk size must be between 1 and " + MAX_CHUNK_SIZE + ", not " + chunkSize);
        }
    }

    /**
     * Options from kubo's flags: a null {@code rawLeaves} follows the CID version (raw leaves with CIDv1, as kubo
     * does); the chunker is {@code size-N} or {@code default}.
     */
    public static ImportOptions of(int cidVersion, Boolean rawLeaves, String chunker, boolean trickle) {
        boolean raw = rawLeaves != null ? rawLeaves : cidVersion == 1;
        return new ImportOptions(cidVersion, raw, chunkSize(chunker), trickle);
    }

    private static int chunkSize(String chunker) {
        if (chunker == null || chunker.equals("default")) {
            return DEFAULT_CHUNK_SIZE;
        }
        if (!chunker.startsWith("size-")) {
            throw new IllegalArgumentException("unsupported chunker \"" + chunker + "\": use size-N");
        }
        try {
            return Integer.parseInt(chunker.substring(5));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad chunker size in \"" + chunker + "\"", e);
        }
    }
}
