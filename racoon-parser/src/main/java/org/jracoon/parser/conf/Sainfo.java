package org.jracoon.parser.conf;

import java.util.List;
import java.util.Optional;

/**
 * A {@code sainfo} section: the phase-2 algorithms offered or accepted for one pair of IDs.
 * The lifetime is effective (28800 s when not written, IPSECDOI_ATTR_SA_LD_SEC_DEFAULT).
 */
public record Sainfo(
        SainfoId local,
        SainfoId remote,
        Optional<Identifier> from,
        Optional<String> group,
        Optional<Algorithms.DhGroup> pfsGroup,
        long lifetimeSeconds,
        int remoteId,
        List<Cipher> encryption,
        List<Algorithms.IpsecAuth> authentication,
        List<Algorithms.Compression> compression) {

    public Sainfo {
        encryption = List.copyOf(encryption);
        authentication = List.copyOf(authentication);
        compression = List.copyOf(compression);
    }

    public static final long DEFAULT_LIFETIME_SECONDS = 28800;

    /** A phase-2 cipher with its effective key length (0 for fixed-key ciphers). */
    public record Cipher(Algorithms.IpsecCipher algorithm, int keyLength) {
    }
}
