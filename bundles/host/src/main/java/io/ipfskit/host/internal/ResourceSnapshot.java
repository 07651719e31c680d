package io.ipfskit.host.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The host's resource limits, what is held of each now, and how much was refused of each, by name. */
public record ResourceSnapshot(Map<String, Integer> limits, Map<String, Integer> usage, Map<String, Long> refused) {

    /** Copies the maps, keeping their order. */
    public ResourceSnapshot {
        limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits));
        usage = Collections.unmodifiableMap(new LinkedHashMap<>(usage));
        refused = Collections.unmodifiableMap(new LinkedHashMap<>(refused));
    }

    /** The name of a refusal kind as the limit it protects: PENDING_HANDSHAKES_PER_IP is PendingHandshakesPerIP. */
    static String name(ResourceManager.Refused kind) {
        StringBuilder out = new StringBuilder();
        for (String word : kind.name().split("_")) {
            out.append(word.equals("IP") ? "IP" : word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
