package io.ipfskit.gateway;

import java.util.Locale;

/** The trustless gateway's {@code dag-scope}: which blocks at the end of the path a CAR carries. */
enum DagScope {
    /** The terminal block alone. */
    BLOCK,
    /** What reads the terminal entity: a whole UnixFS file, a directory's own nodes; else the block. */
    ENTITY,
    /** The whole DAG under the terminal block. */
    ALL;

    /** The query value, lower case. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code block|entity|all}. */
    static DagScope parse(String value) throws GatewayException {
        for (DagScope scope : values()) {
            if (scope.id().equals(value)) {
                return scope;
            }
        }
        throw GatewayException.badRequest("invalid dag-scope '" + value + "' (expected block, entity or all)");
    }
}
