package io.ipfskit.relay;

/** Whether peers can dial this node directly, as AutoNAT found (go-libp2p's network.Reachability names). */
enum Reachability {
    UNKNOWN("Unknown"), PUBLIC("Public"), PRIVATE("Private");

    private final String label;

    Reachability(String label) {
        this.label = label;
    }

    /** go-libp2p's and kubo's name. */
    String label() {
        return label;
    }
}
