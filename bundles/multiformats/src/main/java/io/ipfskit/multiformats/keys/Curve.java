package io.ipfskit.multiformats.keys;

import java.math.BigInteger;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/**
 * A short Weierstrass curve y^2 = x^3 + ax + b over a prime field, with point validation,
 * point decompression and ECDSA verification in plain BigInteger arithmetic (not constant time:
 * it only ever handles public data).
 */
final class Curve {

    /** secp256k1 per SEC 2. */
    static final Curve SECP256K1 = new Curve(
        hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"), BigInteger.ZERO, BigInteger.valueOf(7),
        new ECPoint(hex("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"),
            hex("483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8")),
        hex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"));

    private static final BigInteger TWO = BigInteger.TWO;
    private static final BigInteger THREE = BigInteger.valueOf(3);

    private final BigInteger p;
    private final BigInteger a;
    private final BigInteger b;
    private final ECPoint generator;
    private final BigInteger n;

    private Curve(BigInteger p, BigInteger a, BigInteger b, ECPoint generator, BigInteger n) {
        this.p = p;
        this.a = a;
        this.b = b;
        this.generator = generator;
        this.n = n;
    }

    /** Returns the curve of JDK parameters over a prime field. */
    static Curve of(ECParameterSpec spec) {
        BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
        return new Curve(p, spec.getCurve().getA(), spec.getCurve().getB(), spec.getGenerator(), spec.getOrder());
    }

    /** Tells whether an affine point lies on the curve (the point at infinity does not). */
    boolean contains(ECPoint point) {
        if (point == ECPoint.POINT_INFINITY) {
            return false;
        }
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
            return false;
        }
        return y.multiply(y).subtract(rhs(x)).mod(p).signum() == 0;
    }

    /** Decodes a SEC 1 compressed point (0x02 or 0x03, then x); needs p = 3 mod 4. */
    ECPoint decompress(byte[] encoded) {
        int size = (p.bitLength() + 7) / 8;
        if (encoded.length != size + 1 || (encoded[0] != 2 && encoded[0] != 3)) {
            throw new IllegalArgumentException("a compressed point has " + (size + 1) + " bytes starting with 02 or 03");
        }
        BigInteger x = new BigInteger(1, encoded, 1, size);
        if (x.compareTo(p) >= 0) {
            throw new IllegalArgumentException("point x coordinate out of range");
        }
        BigInteger y = rhs(x).modPow(p.add(BigInteger.ONE).shiftRight(2), p);
        if (y.testBit(0) != (encoded[0] == 3)) {
            y = p.subtract(y).mod(p);
        }
        ECPoint point = new ECPoint(x, y);
        if (!contains(point)) {
            throw new IllegalArgumentException("point is not on the curve");
        }
        return point;
    }

    /** Verifies an ECDSA signature (r, s) of a message hash by the public point q. */
    boolean verify(byte[] hash, BigInteger r, BigInteger s, ECPoint q) {
        if (r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
            return false;
        }
        BigInteger e = new BigInteger(1, hash);
        int excess = hash.length * 8 - n.bitLength();
        if (excess > 0) {
            e = e.shiftRight(excess);
        }
        BigInteger w = s.modInverse(n);
        BigInteger[] sum = shamir(e.multiply(w).mod(n), jacobian(generator), r.multiply(w).mod(n), jacobian(q));
        if (sum[2].signum() == 0) {
            return false;
        }
        BigInteger zInverse = sum[2].modInverse(p);
        BigInteger x = sum[0].multiply(zInverse.pow(2)).mod(p);
        return x.mod(n).equals(r);
    }

    private BigInteger rhs(BigInteger x) {
        return x.pow(3).add(a.multiply(x)).add(b).mod(p);
    }

    private static BigInteger[] jacobian(ECPoint point) {
        return new BigInteger[] {point.getAffineX(), point.getAffineY(), BigInteger.ONE};
    }

    /** Returns u1 * g + u2 * q, scanning both scalars at once. */
    private BigInteger[] shamir(BigInteger u1, BigInteger[] g, BigInteger u2, BigInteger[] q) {
        BigInteger[] both = add(g, q);
        BigInteger[] result = {BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO};
        for (int bit = Math.max(u1.bitLength(), u2.bitLength()) - 1; bit >= 0; bit--) {
            result = twice(result);
            boolean one = u1.testBit(bit);
            boolean two = u2.testBit(bit);
            if (one || two) {
                result = add(result, one && two ? both : one ? g : q);
            }
        }
        return result;
    }

    private BigInteger[] twice(BigInteger[] pt) {
        BigInteger x = pt[0];
        BigInteger y = pt[1];
        BigInteger z = pt[2];
        if (z.signum() == 0 || y.signum() == 0) {
            return new BigInteger[] {BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO};
        }
        BigInteger yy = y.multiply(y).mod(p);
        BigInteger s = x.multiply(yy).shiftLeft(2).mod(p);
        BigInteger m = THREE.multiply(x.multiply(x)).add(a.multiply(z.pow(4))).mod(p);
        BigInteger x3 = m.multiply(m).subtract(s.shiftLeft(1)).mod(p);
        BigInteger y3 = m.multiply(s.subtract(x3)).subtract(yy.multiply(yy).shiftLeft(3)).mod(p);
        BigInteger z3 = TWO.multiply(y).multiply(z).mod(p);
        return new BigInteger[] {x3, y3, z3};
    }

    private BigInteger[] add(BigInteger[] p1, BigInteger[] p2) {
        if (p1[2].signum() == 0) {
            return p2;
        }
        if (p2[2].signum() == 0) {
            return p1;
        }
        BigInteger z1z1 = p1[2].multiply(p1[2]).mod(p);
        BigInteger z2z2 = p2[2].multiply(p2[2]).mod(p);
        BigInteger u1 = p1[0].multiply(z2z2).mod(p);
        BigInteger u2 = p2[0].multiply(z1z1).mod(p);
        BigInteger s1 = p1[1].multiply(z2z2).multiply(p2[2]).mod(p);
        BigInteger s2 = p2[1].multiply(z1z1).multiply(p1[2]).mod(p);
        if (u1.equals(u2)) {
            return s1.equals(s2) ? twice(p1) : new BigInteger[] {BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO};
        }
        BigInteger h = u2.subtract(u1).mod(p);
        BigInteger r = s2.subtract(s1).mod(p);
        BigInteger hh = h.multiply(h).mod(p);
        BigInteger hhh = hh.multiply(h).mod(p);
        BigInteger u1hh = u1.multiply(hh).mod(p);
        BigInteger x3 = r.multiply(r).subtract(hhh).subtract(u1hh.shiftLeft(1)).mod(p);
        BigInteger y3 = r.multiply(u1hh.subtract(x3)).subtract(s1.multiply(hhh)).mod(p);
        BigInteger z3 = h.multiply(p1[2]).multiply(p2[2]).mod(p);
        return new BigInteger[] {x3, y3, z3};
    }

    private static BigInteger hex(String hex) {
        return new BigInteger(hex, 16);
    }
}
