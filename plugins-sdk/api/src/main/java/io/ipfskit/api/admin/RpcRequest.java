package io.ipfskit.api.admin;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed RPC call: positional {@code arg}s, other query options, and the request body (empty when none). */
public record RpcRequest(String command, List<String> arguments, Map<String, List<String>> options, InputStream body,
        String contentType) {

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
