package org.jracoon.ike.policy;

import java.util.Arrays;
import java.util.Optional;

import org.jracoon.ike.kernel.SaEncryption;
import org.jracoon.ike.payload.TransformId;

/**
 * ESP ciphers of a phase-2 policy (sainfo's {@code encryption_algorithm}), with the ESP
 * transform ID, the key length in bits and the kernel's name for them.
 *
 * @param keyLengthAttribute whether the Key Length attribute is sent (AES needs it, RFC 3602 section 5.3)
 */
public enum IpsecEncryption {
    TRIPLE_DES(TransformId.ESP_3DES, 192, false, SaEncryption.DES3_CBC),
    AES_128(TransformId.ESP_AES, 128, true, SaEncryption.AES_CBC),
    AES_192(TransformId.ESP_AES, 192, true, SaEncryption.AES_CBC),
    AES_256(TransformId.ESP_AES, 256, true, SaEncryption.AES_CBC);

    private final int transformId;
    private final int keyBits;
    private final boolean keyLengthAttribute;
    private final SaEncryption kernel;

    IpsecEncryption(int transformId, int keyBits, boolean keyLengthAttribute, SaEncryption kernel) {
        this.transformId = transformId;
        this.keyBits = keyBits;
        this.keyLengthAttribute = keyLengthAttribute;
        this.kernel = kernel;
    }

    /**
     * The cipher a received transform names.
     *
     * @param keyBits the Key Length attribute, 0 if absent
     */
    public static Optional<IpsecEncryption> of(int transformId, int keyBits) {
        return Arrays.stream(values()).filter(e -> e.transformId == transformId
                && (keyBits == e.keyBits || keyBits == 0 && !e.keyLengthAttribute)).findFirst();
    }

    public int transformId() {
        return transformId;
    }

    public int keyBits() {
        return keyBits;
    }

    public boolean keyLengthAttribute() {
        return keyLengthAttribute;
    }

    public SaEncryption kernel() {
        return kernel;
    }
}
