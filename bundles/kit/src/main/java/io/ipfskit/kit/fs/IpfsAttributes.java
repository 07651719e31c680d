package io.ipfskit.kit.fs;

import io.ipfskit.api.kit.DirectoryEntry;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** The basic attributes of a UnixFS node: its type and size; times are the epoch (UnixFS keeps none) and the key is its CID. */
record IpfsAttributes(DirectoryEntry entry) implements BasicFileAttributes {

    private static final FileTime EPOCH = FileTime.fromMillis(0);

    @Override
    public FileTime lastModifiedTime() {
        return EPOCH;
    }

    @Override
    public FileTime lastAccessTime() {
        return EPOCH;
    }

    @Override
    public FileTime creationTime() {
        return EPOCH;
    }

    @Override
    public boolean isRegularFile() {
        return entry.type() == DirectoryEntry.Type.FILE;
    }

    @Override
    public boolean isDirectory() {
        return entry.type() == DirectoryEntry.Type.DIRECTORY;
    }

    @Override
    public boolean isSymbolicLink() {
        return entry.type() == DirectoryEntry.Type.SYMLINK;
    }

    @Override
    public boolean isOther() {
        return false;
    }

    @Override
    public long size() {
        return entry.size();
    }

    @Override
    public Object fileKey() {
        return entry.cid();
    }

    /** The attributes by their names in the {@code basic} view. */
    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("lastModifiedTime", lastModifiedTime());
        map.put("lastAccessTime", lastAccessTime());
        map.put("creationTime", creationTime());
        map.put("size", size());
        map.put("isRegularFile", isRegularFile());
        map.put("isDirectory", isDirectory());
        map.put("isSymbolicLink", isSymbolicLink());
        map.put("isOther", isOther());
        map.put("fileKey", fileKey());
        return map;
    }
}
