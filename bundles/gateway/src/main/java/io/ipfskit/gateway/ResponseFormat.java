package io.ipfskit.gateway;

/** What a request asks for: the content itself (the path gateway), a raw block, or a CAR stream. */
enum ResponseFormat {
    /** UnixFS files and directories, and other blocks as their codec's media type. */
    DESERIALIZED(null, null),
    /** {@code ?format=raw}, {@code application/vnd.ipld.raw}: the block's bytes. */
    RAW("raw", "application/vnd.ipld.raw"),
    /** {@code ?format=car}, {@code application/vnd.ipld.car}: the blocks that verify the path and its scope. */
    CAR("car", "application/vnd.ipld.car");

    private final String query;
    private final String mediaType;

    ResponseFormat(String query, String mediaType) {
        this.query = query;
        this.mediaType = mediaType;
    }

    /** The {@code format} query value; null for {@link #DESERIALIZED}. */
    String query() {
        return query;
    }

    /** The media type without parameters; null for {@link #DESERIALIZED}. */
    String mediaType() {
        return mediaType;
    }
}
