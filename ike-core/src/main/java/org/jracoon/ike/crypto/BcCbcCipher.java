package org.jracoon.ike.crypto;

import java.util.function.Supplier;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CBCModeCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/** {@link CbcCipher} over a Bouncy Castle block engine. */
final class BcCbcCipher implements CbcCipher {

    private final Supplier<BlockCipher> engine;
    private final int blockSize;
    private final int keyLength;

    BcCbcCipher(Supplier<BlockCipher> engine, int keyLength) {
        this.engine = engine;
        this.blockSize = engine.get().getBlockSize();
        this.keyLength = keyLength;
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    @Override
    public int keyLength() {
        return keyLength;
    }

    @Override
    public byte[] encrypt(Secret key, byte[] iv, byte[] plaintext) {
        return process(true, key, iv, plaintext);
    }

    @Override
    public byte[] decrypt(Secret key, byte[] iv, byte[] ciphertext) {
        return process(false, key, iv, ciphertext);
    }

    private byte[] process(boolean encrypt, Secret key, byte[] iv, byte[] in) {
        if (key.length() != keyLength) {
            throw new IllegalArgumentException("key of " + key.length() + " bytes, cipher needs " + keyLength);
        }
        if (iv.length != blockSize) {
            throw new IllegalArgumentException("IV of " + iv.length + " bytes, block size is " + blockSize);
        }
        if (in.length % blockSize != 0) {
            throw new IllegalArgumentException(in.length + " bytes are not whole " + blockSize + "-byte blocks");
        }
        CBCModeCipher cbc = CBCBlockCipher.newInstance(engine.get());
        cbc.init(encrypt, new ParametersWithIV(new KeyParameter(key.bytes()), iv));
        byte[] out = new byte[in.length];
        for (int offset = 0; offset < in.length; offset += blockSize) {
            cbc.processBlock(in, offset, out, offset);
        }
        return out;
    }
}
