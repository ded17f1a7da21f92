package org.jracoon.ike.crypto;

import java.util.function.Supplier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** {@link Prf} as HMAC (RFC 2104) over a Bouncy Castle digest. */
final class HmacPrf implements Prf {

    private final Supplier<Digest> digest;
    private final int outputLength;

    HmacPrf(Supplier<Digest> digest) {
        this.digest = digest;
        this.outputLength = digest.get().getDigestSize();
    }

    @Override
    public int outputLength() {
        return outputLength;
    }

    @Override
    public Computation start(Secret key) {
        return start(key.bytes());
    }

    @Override
    public Computation start(byte[] key) {
        HMac mac = new HMac(digest.get());
        mac.init(new KeyParameter(key));
        return new HmacComputation(mac);
    }

    private static final class HmacComputation implements Computation {

        private final HMac mac;

        HmacComputation(HMac mac) {
            this.mac = mac;
        }

        @Override
        public Computation update(byte[] data) {
            mac.update(data, 0, data.length);
            return this;
        }

        @Override
        public Computation update(Secret data) {
            return update(data.bytes());
        }

        @Override
        public byte[] finish() {
            byte[] out = new byte[mac.getMacSize()];
            mac.doFinal(out, 0);
            return out;
        }

        @Override
        public Secret finishSecret() {
            return Secret.adopt(finish());
        }
    }
}
