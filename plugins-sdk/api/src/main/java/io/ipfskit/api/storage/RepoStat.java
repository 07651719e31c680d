package io.ipfskit.api.storage;

/** The repository's size as {@code repo stat} reports it: blocks, their bytes, and the durable store's capacity. */
public record RepoStat(long numObjects, long repoSize, long storageMax) {
}
