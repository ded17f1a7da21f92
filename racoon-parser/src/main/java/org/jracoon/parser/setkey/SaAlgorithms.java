package org.jracoon.parser.setkey;

import java.util.Objects;
import java.util.Optional;

/**
 * The algorithms and keys of an {@code add}: {@code -E alg key [-A alg key]} for ESP,
 * {@code -A alg key} for AH, {@code -C alg [-R]} for IPComp. A keyless algorithm (null) has an
 * empty key.
 *
 * @param rawCpi {@code -R}: the SPI is a well-known CPI (SADB_X_EXT_RAWCPI)
 */
public record SaAlgorithms(Optional<Keyed<EncryptionAlgorithm>> encryption,
                           Optional<Keyed<AuthenticationAlgorithm>> authentication,
                           Optional<CompressionAlgorithm> compression,
                           boolean rawCpi) {

    /** An algorithm with its key. */
    public record Keyed<A>(A algorithm, KeyMaterial key) {
        public Keyed {
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(key, "key");
        }
    }

    public SaAlgorithms {
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(compression, "compression");
    }
}
