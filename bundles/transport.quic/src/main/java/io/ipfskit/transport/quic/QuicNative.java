package io.ipfskit.transport.quic;

/**
 * Loads the codec's native library (quiche + BoringSSL) through this class's loader when the bundle carries it as native
 * code: its JNI registration then finds the codec's classes, which live in the same bundle. Outside OSGi the library
 * is not on the library path, and Netty's own loader extracts it from the jar as usual.
 */
final class QuicNative {

    private static final String LIBRARY = "netty_quiche_linux_x86_64";

    private QuicNative() {
    }

    static {
        try {
            System.loadLibrary(LIBRARY);
        } catch (UnsatisfiedLinkError | SecurityException e) {
            // not a bundle with native code (a plain class path): Netty loads it when the codec's classes initialise
        }
    }

    /** Runs the loading once; call before touching any class of the codec. */
    static void load() {
        // the static initialiser does the work
    }
}
