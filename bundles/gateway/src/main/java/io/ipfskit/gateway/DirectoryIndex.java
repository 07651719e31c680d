package io.ipfskit.gateway;

import io.ipfskit.unixfs.DirEntry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The HTML index of a UnixFS directory without {@code index.html}: one row per entry (name, CID, DAG size). */
final class DirectoryIndex {

    /** Changes whenever the page's markup does, so cached indexes are not served across versions. */
    static final String VERSION = "1";
    /** Most entries listed; a larger directory says how many more there are. */
    static final int MAX_ENTRIES = 10_000;

    private DirectoryIndex() {
    }

    /** The page for the directory at {@code path} (as requested, ending in /) with these entries. */
    static String html(String path, String cid, List<DirEntry> entries, boolean hasParent) {
        StringBuilder page = new StringBuilder(256 + 160 * Math.min(entries.size(), MAX_ENTRIES));
        page.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(path))
                .append("</title></head>\n<body>\n<h1>Index of ").append(escape(path)).append("</h1>\n<p>")
                .append(escape(cid)).append(" · <a href=\"?format=car\">CAR</a></p>\n<table>\n");
        if (hasParent) {
            page.append("<tr><td><a href=\"../\">..</a></td><td></td><td></td></tr>\n");
        }
        int listed = 0;
        for (DirEntry entry : entries) {
            if (listed++ == MAX_ENTRIES) {
                page.append("<tr><td colspan=\"3\">and ").append(entries.size() - MAX_ENTRIES)
                        .append(" more entries</td></tr>\n");
                break;
            }
            String child = entry.cid().toString();
            page.append("<tr><td><a href=\"").append(escape(encode(entry.name()))).append("\">")
                    .append(escape(entry.name())).append("</a></td><td><a href=\"/ipfs/").append(child).append("\">")
                    .append(child).append("</a></td><td>").append(entry.tsize()).append("</td></tr>\n");
        }
        return page.append("</table>\n</body></html>\n").toString();
    }

    /** A name as one path segment of a relative URL. */
    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
