package io.ipfskit.discovery;

/** What one discovery strategy achieved: peers it reported, dials they led to, and how those ended. */
record SourceStats(long found, long dialled, long connected, long failed) {

    static final SourceStats NONE = new SourceStats(0, 0, 0, 0);

    SourceStats plus(long foundMore, long dialledMore, long connectedMore, long failedMore) {
        return new SourceStats(found + foundMore, dialled + dialledMore, connected + connectedMore, failed + failedMore);
    }
}
