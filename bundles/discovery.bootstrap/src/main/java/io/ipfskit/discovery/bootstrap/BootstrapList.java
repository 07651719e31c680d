package io.ipfskit.discovery.bootstrap;

import io.ipfskit.multiformats.Multiaddr;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads bootstrap entries: multiaddrs ending in {@code /p2p/<peer id>}, separated by commas or white space. */
final class BootstrapList {

    private BootstrapList() {
    }

    /** The valid entries, in order; each invalid one is named to {@code refused} with the reason. */
    static List<Multiaddr> parse(String[] texts, Consumer<String> refused) {
        List<Multiaddr> entries = new ArrayList<>();
        for (String text : texts) {
            for (String item : text.trim().split("[,\\s]+")) {
                if (item.isEmpty()) {
                    continue;
                }
                try {
                    Multiaddr address = Multiaddr.parse(item);
                    if (address.peerId().isEmpty()) {
                        refused.accept(item + ": no /p2p/<peer id> at its end");
                    } else if (!entries.contains(address)) {
                        entries.add(address);
                    }
                } catch (IllegalArgumentException e) {
                    refused.accept(item + ": " + e.getMessage());
                }
            }
        }
        return entries;
    }
}
