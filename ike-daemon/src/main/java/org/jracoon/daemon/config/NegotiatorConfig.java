package org.jracoon.daemon.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.jracoon.daemon.auth.ConfiguredAuthenticators;
import org.jracoon.ike.crypto.CryptoProvider;
import org.jracoon.ike.exchange.Authenticators;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.Policies;
import org.jracoon.ike.policy.PreSharedKeys;
import org.jracoon.parser.conf.FileReference;
import org.jracoon.parser.conf.LoadedConfig;
import org.jracoon.parser.psk.PskException;

/**
 * What an engine needs from a racoon.conf: its policies mapped, and the pre-shared keys and
 * certificates they name, loaded. The daemon and the load generator of the benchmark both start
 * from it, so both negotiate from the same configuration language.
 */
public record NegotiatorConfig(ConfigMapping.Mapped mapped, Authenticators authenticators) {

    /** As {@link #load(LoadedConfig, Path, CryptoProvider)}, signing with {@link CryptoProvider#JAVA}. */
    public static NegotiatorConfig load(LoadedConfig loaded, Path configFile)
            throws UnsupportedConfigException, PskException, IOException {
        return load(loaded, configFile, CryptoProvider.JAVA);
    }

    /**
     * @param configFile the file {@code loaded} came from, named in messages
     * @param crypto signs with the private keys of {@code certificate_type x509}
     * @throws UnsupportedConfigException, PskException, IOException one line each: what cannot be used
     */
    public static NegotiatorConfig load(LoadedConfig loaded, Path configFile, CryptoProvider crypto)
            throws UnsupportedConfigException, PskException, IOException {
        ConfigMapping.Mapped mapped = ConfigMapping.map(loaded.config(), configFile.toString());
        Optional<PreSharedKeys> keys = Optional.empty();
        Optional<Path> pskFile = loaded.files().stream()
                .filter(f -> f.kind() == FileReference.Kind.PRE_SHARED_KEYS).findFirst().map(f -> Path.of(f.path()));
        if (pskFile.isPresent()) {
            keys = Optional.of(PskFileKeys.load(pskFile.get()));
        } else if (usesPreSharedKeys(mapped.policies())) {
            throw new UnsupportedConfigException(configFile
                    + ": pre_shared_key authentication needs 'path pre_shared_key'");
        }
        Authenticators authenticators = ConfiguredAuthenticators.load(mapped.policies(), keys,
                mapped.certificateRemotes(), loaded.config().paths().certificate().map(Path::of), crypto);
        return new NegotiatorConfig(mapped, authenticators);
    }

    private static boolean usesPreSharedKeys(Policies policies) {
        return policies.remotes().stream().flatMap(r -> r.proposals().stream())
                .anyMatch(p -> p.authMethod() == AuthMethod.PRE_SHARED_KEY);
    }
}
