package io.ipfskit.security.noise;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * The Noise XX pattern ({@code -> e; <- e, ee, s, es; -> s, se}) for one side: builds and reads the three messages,
 * carrying payloads, and yields the transport ciphers and the remote static key.
 */
final class XXHandshake {

    private static final int KEY = 32;
    private static final int SEALED_KEY = KEY + CipherState.TAG;

    private final boolean initiator;
    private final X25519.Pair s;
    private final SymmetricState state = new SymmetricState();
    private X25519.Pair e;
    private byte[] re;
    private byte[] rs;

    XXHandshake(boolean initiator, X25519.Pair staticKeys) {
        this.initiator = initiator;
        this.s = staticKeys;
    }

    /** Our static public key, which the payload signs. */
    byte[] staticPublicKey() {
        return s.publicKey().clone();
    }

    /** The remote static public key, known after message 2 (initiator) or 3 (responder). */
    byte[] remoteStaticKey() {
        return rs.clone();
    }

    /** Initiator: message 1 ({@code e}) with an empty payload. */
    byte[] writeMessage1() throws GeneralSecurityException {
        e = X25519.generate();
        state.mixHash(e.publicKey());
        return concat(e.publicKey(), state.encryptAndHash(new byte[0]));
    }

    /** Responder: reads message 1 and returns its payload. */
    byte[] readMessage1(byte[] message) throws GeneralSecurityException, NoiseProtocolException {
        require(message.length >= KEY, "message 1");
        re = Arrays.copyOf(message, KEY);
        state.mixHash(re);
        return open(Arrays.copyOfRange(message, KEY, message.length), "message 1 payload");
    }

    /** Responder: message 2 ({@code e, ee, s, es}) carrying the payload. */
    byte[] writeMessage2(byte[] payload) throws GeneralSecurityException, NoiseProtocolException {
        e = X25519.generate();
        state.mixHash(e.publicKey());
        state.mixKey(X25519.dh(e, re));
        byte[] sealedStatic = state.encryptAndHash(s.publicKey());
        state.mixKey(X25519.dh(s, re));
        return concat(concat(e.publicKey(), sealedStatic), state.encryptAndHash(payload));
    }

    /** Initiator: reads message 2 and returns its payload. */
    byte[] readMessage2(byte[] message) throws GeneralSecurityException, NoiseProtocolException {
        require(message.length >= KEY + SEALED_KEY + CipherState.TAG, "message 2");
        re = Arrays.copyOf(message, KEY);
        state.mixHash(re);
        state.mixKey(X25519.dh(e, re));
        rs = open(Arrays.copyOfRange(message, KEY, KEY + SEALED_KEY), "message 2 static key");
        state.mixKey(X25519.dh(e, rs));
        return open(Arrays.copyOfRange(message, KEY + SEALED_KEY, message.length), "message 2 payload");
    }

    /** Initiator: message 3 ({@code s, se}) carrying the payload. */
    byte[] writeMessage3(byte[] payload) throws GeneralSecurityException, NoiseProtocolException {
        byte[] sealedStatic = state.encryptAndHash(s.publicKey());
        state.mixKey(X25519.dh(s, re));
        return concat(sealedStatic, state.encryptAndHash(payload));
    }

    /** Responder: reads message 3 and returns its payload. */
    byte[] readMessage3(byte[] message) throws GeneralSecurityException, NoiseProtocolException {
        require(message.length >= SEALED_KEY + CipherState.TAG, "message 3");
        rs = open(Arrays.copyOf(message, SEALED_KEY), "message 3 static key");
        state.mixKey(X25519.dh(e, rs));
        return open(Arrays.copyOfRange(message, SEALED_KEY, message.length), "message 3 payload");
    }

    /** After the last message: our sending cipher first, then our receiving cipher. */
    CipherState[] transportCiphers() {
        CipherState[] split = state.split();
        return initiator ? split : new CipherState[] {split[1], split[0]};
    }

    private static void require(boolean ok, String what) throws NoiseProtocolException {
        if (!ok) {
            throw new NoiseProtocolException("noise " + what + " too short");
        }
    }

    /** Decrypts a sealed part of a handshake message; a part that does not authenticate is a protocol error. */
    private byte[] open(byte[] sealed, String what) throws GeneralSecurityException, NoiseProtocolException {
        try {
            return state.decryptAndHash(sealed);
        } catch (AEADBadTagException e) {
            throw new NoiseProtocolException("noise: " + what + " does not authenticate", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
