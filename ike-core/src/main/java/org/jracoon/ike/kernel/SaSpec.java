package org.jracoon.ike.kernel;

import java.util.Objects;
import java.util.Optional;

/**
 * An IPsec SA as installed by ADD or UPDATE: its name, mode, reqid (which ties it to the
 * policies whose requests carry the same reqid, 0 for any), replay window, transforms with their
 * keys, soft and hard lifetimes and, behind NAT, its UDP encapsulation.
 */
public record SaSpec(SaId id, IpsecMode mode, int reqid, int replayWindow,
                     SaEncryption encryption, KeyMaterial encryptionKey,
                     SaIntegrity integrity, KeyMaterial integrityKey,
                     SaCompression compression,
                     Lifetime soft, Lifetime hard, Optional<UdpEncapsulation> encapsulation) {

    public SaSpec {
        Objects.requireNonNull(id);
        Objects.requireNonNull(mode);
        Objects.requireNonNull(encryption);
        Objects.requireNonNull(encryptionKey);
        Objects.requireNonNull(integrity);
        Objects.requireNonNull(integrityKey);
        Objects.requireNonNull(compression);
        Objects.requireNonNull(soft);
        Objects.requireNonNull(hard);
        Objects.requireNonNull(encapsulation);
        if (replayWindow < 0 || replayWindow > 255) {
            throw new IllegalArgumentException("replay window " + replayWindow + " (PF_KEY carries 0..255)");
        }
        // Transforms may be NONE: a LARVAL SA reserved by GETSPI has none yet.
        boolean fits = switch (id.protocol()) {
            case ESP -> compression == SaCompression.NONE;
            case AH -> encryption == SaEncryption.NONE && compression == SaCompression.NONE;
            case IPCOMP -> encryption == SaEncryption.NONE && integrity == SaIntegrity.NONE;
        };
        if (!fits) {
            throw new IllegalArgumentException(id.protocol() + " SA with " + encryption + "/" + integrity + "/" + compression);
        }
        if (encapsulation.isPresent() && id.protocol() != IpsecProtocol.ESP) {
            throw new IllegalArgumentException("only ESP is encapsulated in UDP");
        }
    }

    public static Builder builder(SaId id) {
        return new Builder(id);
    }

    public Builder toBuilder() {
        return new Builder(id).mode(mode).reqid(reqid).replayWindow(replayWindow)
                .encryption(encryption, encryptionKey).integrity(integrity, integrityKey).compression(compression)
                .soft(soft).hard(hard).encapsulation(encapsulation.orElse(null));
    }

    /** Starts from transport mode, reqid 0, no replay window, no transforms, no lifetimes. */
    public static final class Builder {
        private final SaId id;
        private IpsecMode mode = IpsecMode.TRANSPORT;
        private int reqid;
        private int replayWindow;
        private SaEncryption encryption = SaEncryption.NONE;
        private KeyMaterial encryptionKey = KeyMaterial.NONE;
        private SaIntegrity integrity = SaIntegrity.NONE;
        private KeyMaterial integrityKey = KeyMaterial.NONE;
        private SaCompression compression = SaCompression.NONE;
        private Lifetime soft = Lifetime.NONE;
        private Lifetime hard = Lifetime.NONE;
        private UdpEncapsulation encapsulation;

        private Builder(SaId id) {
            this.id = id;
        }

        public Builder mode(IpsecMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder reqid(int reqid) {
            this.reqid = reqid;
            return this;
        }

        public Builder replayWindow(int replayWindow) {
            this.replayWindow = replayWindow;
            return this;
        }

        public Builder encryption(SaEncryption algorithm, KeyMaterial key) {
            this.encryption = algorithm;
            this.encryptionKey = key;
            return this;
        }

        public Builder integrity(SaIntegrity algorithm, KeyMaterial key) {
            this.integrity = algorithm;
            this.integrityKey = key;
            return this;
        }

        public Builder compression(SaCompression algorithm) {
            this.compression = algorithm;
            return this;
        }

        public Builder soft(Lifetime soft) {
            this.soft = soft;
            return this;
        }

        public Builder hard(Lifetime hard) {
            this.hard = hard;
            return this;
        }

        /** {@code null} for none. */
        public Builder encapsulation(UdpEncapsulation encapsulation) {
            this.encapsulation = encapsulation;
            return this;
        }

        public SaSpec build() {
            return new SaSpec(id, mode, reqid, replayWindow, encryption, encryptionKey, integrity, integrityKey,
                    compression, soft, hard, Optional.ofNullable(encapsulation));
        }
    }
}
