package io.ipfskit.protocol.pubsub.commands;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first file of a {@code multipart/form-data} body, as kubo's clients send {@code pubsub pub}'s data: read whole,
 * never more than {@code maxBytes} plus room for the part's headers.
 */
final class FormData {

    private static final int HEADER_ROOM = 8192;
    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
    private static final byte[] HEADERS_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private FormData() {
    }

    /** The first file's bytes, at most {@code maxBytes}; a client error when there is none or it is larger. */
    static byte[] firstFile(RpcRequest request, int maxBytes) throws RpcException, IOException {
        String type = request.contentType() == null ? "" : request.contentType();
        Matcher matcher = BOUNDARY.matcher(type);
        if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/") || !matcher.find()) {
            throw RpcException.client("argument \"data\" is required (a multipart file)");
        }
        String boundary = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        byte[] body = request.body().readNBytes(maxBytes + HEADER_ROOM + 1);
        if (body.length > maxBytes + HEADER_ROOM) {
            throw RpcException.client("the data is larger than " + maxBytes + " bytes");
        }
        byte[] opening = ("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII);
        int first = indexOf(body, opening, 0);
        int start = first < 0 ? -1 : indexOf(body, HEADERS_END, first + opening.length - 2);
        int end = start < 0 ? -1
                : indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII), start + HEADERS_END.length);
        if (end < 0) {
            throw RpcException.client("argument \"data\" is required (a multipart file)");
        }
        byte[] file = Arrays.copyOfRange(body, start + HEADERS_END.length, end);
        if (file.length > maxBytes) {
            throw RpcException.client("the data is larger than " + maxBytes + " bytes");
        }
        return file;
    }

    private static int indexOf(byte[] data, byte[] sought, int from) {
        outer:
        for (int i = Math.max(0, from); i + sought.length <= data.length; i++) {
            for (int j = 0; j < sought.length; j++) {
                if (data[i + j] != sought[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
