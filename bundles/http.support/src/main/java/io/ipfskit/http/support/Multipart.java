package io.ipfskit.http.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A streaming reader of a {@code multipart/form-data} body as kubo's clients send files: each part's bytes are read
 * straight from the request without buffering the part; header lines and counts are bounded.
 */
public final class Multipart {

    /** Longest header line accepted. */
    public static final int MAX_LINE = 8192;
    /** Most header lines per part. */
    public static final int MAX_HEADERS = 32;

    /** A file larger than the caller allows. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(int maxBytes) {
            super("larger than " + maxBytes + " bytes");
        }
    }

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");
    private static final Pattern NAME = Pattern.compile("[; ]name=\"([^\"]*)\"");

    /** One part: its form name, its file name (a path for directory uploads), its content type, its bytes. */
    public record Part(String name, String filename, String contentType, InputStream body) {

        /** Whether the part stands for a directory ({@code application/x-directory}). */
        public boolean directory() {
            return "application/x-directory".equals(contentType);
        }

        /** Whether the part stands for a symbolic link whose body is the target ({@code application/symlink}). */
        public boolean symlink() {
            return "application/symlink".equals(contentType);
        }
    }

    private final InputStream in;
    private final byte[] delimiter;
    /** Horspool's shift by the byte under the delimiter's last position. */
    private final int[] skip = new int[256];
    private final byte[] buffer = new byte[65536];
    private int start;
    private int end;
    /** Buffer positions below this hold no delimiter start (a scan never looks at them twice). */
    private int clean;
    private boolean eof;
    private boolean finished;
    private Body current;

    /**
     * The bytes of the body's first part, as kubo's clients send a file argument; {@link TooLarge} past
     * {@code maxBytes} (never reading more than one byte beyond it), an IOException when there is no such part.
     */
    public static byte[] firstFile(InputStream in, String contentType, int maxBytes) throws IOException {
        Part part = new Multipart(in, contentType).next();
        if (part == null) {
            throw new IOException("the form has no file");
        }
        byte[] file = part.body().readNBytes(maxBytes + 1);
        if (file.length > maxBytes) {
            throw new TooLarge(maxBytes);
        }
        return file;
    }

    /** A reader of the body with the boundary named in the content type. */
    public Multipart(InputStream in, String contentType) throws IOException {
        Matcher matcher = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/") || !matcher.find()) {
            throw new IOException("expected a multipart/form-data body, got " + contentType);
        }
        String boundary = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(skip, delimiter.length);
        for (int k = 0; k < delimiter.length - 1; k++) {
            skip[delimiter[k] & 0xFF] = delimiter.length - 1 - k;
        }
        String first = line();
        while (first.isEmpty()) {
            first = line();
        }
        if (!first.equals("--" + boundary)) {
            throw new IOException("multipart body does not start with its boundary");
        }
    }

    /** The next part, or null after the last one; the previous part's unread bytes are skipped. */
    public Part next() throws IOException {
        if (current != null) {
            current.transferTo(OutputStream.nullOutputStream());
        }
        if (finished) {
            return null;
        }
        String disposition = "";
        String type = "application/octet-stream";
        for (int i = 0;; i++) {
            if (i > MAX_HEADERS) {
                throw new IOException("multipart part with more than " + MAX_HEADERS + " headers");
            }
            String header = line();
            if (header.isEmpty()) {
                break;
            }
            int colon = header.indexOf(':');
            String key = colon < 0 ? header : header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : header.substring(colon + 1).trim();
            if (key.equals("content-disposition")) {
                disposition = value;
            } else if (key.equals("content-type")) {
                type = value;
            }
        }
        current = new Body();
        return new Part(group(NAME, disposition), decode(group(FILENAME, disposition)), type, current);
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static String decode(String filename) {
        return filename.indexOf('%') >= 0 ? URLDecoder.decode(filename.replace("+", "%2B"), StandardCharsets.UTF_8)
                : filename;
    }

    /** Reads one CRLF-terminated line of at most {@link #MAX_LINE} bytes. */
    private String line() throws IOException {
        for (int scanned = 0;; ) {
            for (int i = start + scanned; i + 1 < end; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                    String line = new String(buffer, start, i - start, StandardCharsets.UTF_8);
                    start = i + 2;
                    return line;
                }
            }
            scanned = Math.max(0, end - start - 1);
            if (end - start > MAX_LINE) {
                throw new IOException("multipart header line longer than " + MAX_LINE + " bytes");
            }
            if (!fill()) {
                throw new IOException("multipart body truncated in a header");
            }
        }
    }

    /** Reads more input after compacting; false at end of input. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            clean = Math.max(0, clean - start);
            start = 0;
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            eof = true;
            return false;
        }
        end += n;
        return true;
    }

    /**
     * The position of the next delimiter in the buffer, or -1, found by Horspool's skip search (most bytes are never
     * looked at); positions already ruled out are not scanned again.
     */
    private int indexOfDelimiter() {
        int last = delimiter.length - 1;
        int i = Math.max(start, clean);
        while (i + last < end) {
            byte tail = buffer[i + last];
            if (tail == delimiter[last] && Arrays.equals(buffer, i, i + last, delimiter, 0, last)) {
                clean = i;
                return i;
            }
            i += skip[tail & 0xFF];
        }
        clean = i;
        return -1;
    }

    /** The bytes of the current part, ending before the next delimiter. */
    private final class Body extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            while (true) {
                int at = indexOfDelimiter();
                if (at == start) {
                    closePart();
                    return -1;
                }
                int safe = at >= 0 ? at - start : end - start - (delimiter.length - 1);
                if (safe > 0) {
                    int n = Math.min(length, safe);
                    System.arraycopy(buffer, start, target, offset, n);
                    start += n;
                    return n;
                }
                if (!fill()) {
                    throw new IOException("multipart body truncated inside a part");
                }
            }
        }

        private void closePart() throws IOException {
            start += delimiter.length;
            while (end - start < 2) {
                if (!fill()) {
                    throw new IOException("multipart body truncated after a boundary");
                }
            }
            byte[] next = Arrays.copyOfRange(buffer, start, start + 2);
            start += 2;
            if (next[0] == '-' && next[1] == '-') {
                finished = true;
            } else if (next[0] != '\r' || next[1] != '\n') {
                throw new IOException("malformed multipart boundary line");
            }
            done = true;
        }
    }
}
