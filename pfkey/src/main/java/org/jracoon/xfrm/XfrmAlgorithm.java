package org.jracoon.xfrm;

import org.jracoon.ike.kernel.KeyMaterial;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An algorithm by its Linux crypto name with its key: {@code struct xfrm_algo} (name[64], key
 * length in bits, key) for ciphers and compression, {@code struct xfrm_algo_auth} (with the ICV
 * truncation in bits) for integrity, {@code struct xfrm_algo_aead} (with the ICV length) for
 * combined modes.
 */
public record XfrmAlgorithm(String name, KeyMaterial key, int icvBits) {
    private static final int NAME_LENGTH = 64;

    public XfrmAlgorithm {
        Objects.requireNonNull(name);
        Objects.requireNonNull(key);
        if (name.isEmpty() || name.length() >= NAME_LENGTH || !StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
            throw new IllegalArgumentException("algorithm name '" + name + "'");
        }
    }

    /** Encodes as {@code xfrm_algo} ({@code withIcv} false) or as the auth/aead form with the ICV length. */
    byte[] encode(boolean withIcv) {
        byte[] k = key.bytes();
        ByteBuffer b = XfrmWire.buffer(NAME_LENGTH + (withIcv ? 8 : 4) + k.length);
        b.put(name.getBytes(StandardCharsets.US_ASCII)).position(NAME_LENGTH);
        b.putInt(k.length * 8);
        if (withIcv) {
            b.putInt(icvBits);
        }
        return b.put(k).array();
    }

    static XfrmAlgorithm decode(ByteBuffer b, boolean withIcv) throws NetlinkDecodeException {
        NetlinkDecodeException.require(b, NAME_LENGTH + (withIcv ? 8 : 4), "xfrm_algo");
        byte[] raw = new byte[NAME_LENGTH];
        b.get(raw);
        int end = 0;
        while (end < NAME_LENGTH && raw[end] != 0) {
            end++;
        }
        if (end == 0 || end == NAME_LENGTH) {
            throw new NetlinkDecodeException("algorithm name without a terminating NUL or empty");
        }
        int keyBits = b.getInt();
        int icv = withIcv ? b.getInt() : 0;
        if (keyBits < 0 || keyBits % 8 != 0 || keyBits / 8 > b.remaining()) {
            throw new NetlinkDecodeException("algorithm key of " + keyBits + " bits with " + b.remaining() + " bytes left");
        }
        byte[] key = new byte[keyBits / 8];
        b.get(key);
        return new XfrmAlgorithm(new String(raw, 0, end, StandardCharsets.US_ASCII), KeyMaterial.of(key), icv);
    }
}
