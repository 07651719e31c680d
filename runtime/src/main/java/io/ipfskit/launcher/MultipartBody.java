package io.ipfskit.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * A {@code multipart/form-data} body as kubo's client sends files: one part per file, directory
 * ({@code application/x-directory}) or symlink ({@code application/symlink}), named by its percent-encoded relative
 * path. Files are read while the body is sent, one at a time, never whole into memory; the length is known up front
 * unless a part is a stream (standard input).
 */
final class MultipartBody {

    /** A file that could not be read while sending (the message names it). */
    static final class ReadFailure extends IOException {
        private static final long serialVersionUID = 1L;

        ReadFailure(String message) {
            super(message);
        }
    }

    private record Part(byte[] header, Path file, InputStream stream, byte[] content, long size) {
    }

    private final String boundary = "ipfskit" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private final List<Part> parts = new ArrayList<>();

    /** Adds a file whose bytes are read from disk while sending. */
    MultipartBody file(String name, Path file, long size) {
        parts.add(new Part(header(name, "application/octet-stream"), file, null, null, size));
        return this;
    }

    /** Adds a directory entry. */
    MultipartBody directory(String name) {
        parts.add(new Part(header(name, "application/x-directory"), null, null, new byte[0], 0));
        return this;
    }

    /** Adds a symbolic link whose body is its target. */
    MultipartBody symlink(String name, String target) {
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        parts.add(new Part(header(name, "application/symlink"), null, null, bytes, bytes.length));
        return this;
    }

    /** Adds a file of unknown length read from {@code stream} (standard input) while sending. */
    MultipartBody stream(String name, InputStream stream) {
        parts.add(new Part(header(name, "application/octet-stream"), null, stream, null, -1));
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The exact number of bytes {@link #open()} yields, or -1 when a part is a stream of unknown length. */
    long length() {
        long length = trailer().length;
        for (Part part : parts) {
            if (part.size < 0) {
                return -1;
            }
            length += part.header.length + part.size;
        }
        return length;
    }

    /** The body as a stream that opens each file only when the framing reaches it. */
    InputStream open() {
        Iterator<Part> each = parts.iterator();
        List<InputStream> pending = new ArrayList<>();
        Iterator<InputStream> streams = new Iterator<>() {
            private boolean trailerSent;

            @Override
            public boolean hasNext() {
                return !pending.isEmpty() || each.hasNext() || !trailerSent;
            }

            @Override
            public InputStream next() {
                if (pending.isEmpty()) {
                    if (each.hasNext()) {
                        Part part = each.next();
                        pending.add(new ByteArrayInputStream(part.header));
                        pending.add(part.stream != null ? part.stream : part.file == null
                                ? new ByteArrayInputStream(part.content) : new FileBytes(part.file, part.size));
                    } else {
                        trailerSent = true;
                        return new ByteArrayInputStream(trailer());
                    }
                }
                return pending.remove(0);
            }
        };
        return new SequenceInputStream(lazy(streams));
    }

    private static java.util.Enumeration<InputStream> lazy(Iterator<InputStream> streams) {
        return new java.util.Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return streams.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return streams.next();
            }
        };
    }

    /** The delimiter before a part (CRLF-prefixed except for the first) and the part's headers. */
    private byte[] header(String name, String type) {
        String delimiter = (parts.isEmpty() ? "" : "\r\n") + "--" + boundary + "\r\n";
        return (delimiter + "Content-Disposition: form-data; name=\"file\"; filename=\"" + encode(name) + "\"\r\n"
                + "Content-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] trailer() {
        return ((parts.isEmpty() ? "" : "\r\n") + "--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Percent-encodes all but unreserved characters and slashes (the server decodes names holding a '%'). */
    static String encode(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** Exactly {@code size} bytes of a file, opened on first read; a file that changed size is an error. */
    private static final class FileBytes extends InputStream {
        private final Path file;
        private long left;
        private InputStream in;

        FileBytes(Path file, long size) {
            this.file = file;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left == 0) {
                close();
                return -1;
            }
            if (in == null) {
                try {
                    in = Files.newInputStream(file);
                } catch (IOException e) {
                    throw new ReadFailure("cannot read " + file + ": " + e.getMessage());
                }
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw new ReadFailure(file + " shrank while it was being added");
            }
            left -= n;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}
