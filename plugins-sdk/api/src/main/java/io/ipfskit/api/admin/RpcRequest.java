package io.ipfskit.api.admin;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed RPC call: positional {@code arg}s, other query options, and the request body (empty when none). */
public record RpcRequest(String command, List<String> arguments, Map<String, List<String>> options, InputStream body,
        String contentType) {

    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|\u00b5s|ms|s|m|h)");

    /** Copies the collections so the record stays immutable. */
    public RpcRequest {
        arguments = List.copyOf(arguments);
        options = Map.copyOf(options);
    }

    /** The positional argument at index, or a client error naming what is missing. */
    public String argument(int index, String name) throws RpcException {
        if (index >= arguments.size()) {
            throw RpcException.client("argument \"" + name + "\" is required");
        }
        return arguments.get(index);
    }

    /** The last value of an option, if given. */
    public Optional<String> option(String name) {
        List<String> values = options.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** A boolean option: absent gives the default, a bare or "true" value gives true, "false" false, else a client error. */
    public boolean flag(String name, boolean otherwise) throws RpcException {
        Optional<String> value = option(name);
        if (value.isEmpty()) {
            return otherwise;
        }
        return switch (value.get()) {
            case "", "true" -> true;
            case "false" -> false;
            default -> throw RpcException.client("option \"" + name + "\" takes true or false, not \"" + value.get() + "\"");
        };
    }

    /**
     * A duration option in Go's syntax as kubo takes it ({@code 30s}, {@code 1m30s}, {@code 500ms}, {@code 2h}; units
     * ns, us, ms, s, m, h; fractions allowed), or the default when absent; a client error when malformed or negative.
     */
    public Duration duration(String name, Duration otherwise) throws RpcException {
        Optional<String> value = option(name);
        if (value.isEmpty()) {
            return otherwise;
        }
        Matcher part = GO_DURATION_PART.matcher(value.get());
        if (value.get().equals("0")) {
            return Duration.ZERO;
        }
        double nanos = 0;
        int end = 0;
        while (part.find() && part.start() == end) {
            nanos += Double.parseDouble(part.group(1)) * switch (part.group(2)) {
                case "ns" -> 1;
                case "us", "\u00b5s" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            end = part.end();
        }
        if (end == 0 || end != value.get().length() || nanos > Long.MAX_VALUE) {
            throw RpcException.client("option \"" + name + "\" is not a duration such as 30s or 1m30s: \""
                    + value.get() + "\"");
        }
        return Duration.ofNanos((long) nanos);
    }

    /** An integer option within bounds, or a client error. */
    public long number(String name, long otherwise, long min, long max) throws RpcException {
        Optional<String> value = option(name);
        if (value.isEmpty()) {
            return otherwise;
        }
        try {
            long parsed = Long.parseLong(value.get());
            if (parsed < min || parsed > max) {
                throw RpcException.client("option \"" + name + "\" must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw RpcException.client("option \"" + name + "\" is not a number: \"" + value.get() + "\"");
        }
    }
}
