package org.jracoon.ike.engine;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.jracoon.crypto.openssl.OpenSslCryptoProvider;
import org.jracoon.ike.crypto.CryptoProvider;
import org.jracoon.ike.crypto.DhKeyPool;
import org.jracoon.ike.crypto.DhKeySource;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.crypto.SecureRandomSource;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.jracoon.ike.policy.Phase1Proposal;
import org.jracoon.ike.policy.Phase2Policy;
import org.jracoon.ike.policy.Policies;
import org.junit.jupiter.api.Test;

/**
 * Two engines in memory, one computing its Diffie-Hellman values with libcrypto (from a key pool,
 * short private values, as the daemon runs), the other with the Java provider: Main Mode and a
 * Quick Mode with PFS complete and both sides install the same keys, either side initiating.
 */
class MixedProviderNegotiationTest {

    private static final CryptoProvider OPENSSL = OpenSslCryptoProvider.load();

    @Test
    void opensslInitiatesModp1024WithPfsModp768() {
        try (DhKeyPool pool = new DhKeyPool(2, new SecureRandomSource(), OPENSSL)) {
            EnginePair pair = pair(EnginePair.MM_3DES_SHA1_MODP1024, ModpGroup.MODP_768, pool, DhKeySource.DRAWN);
            TwoEngineNegotiationTest.negotiate(pair, pair.a, pair.b);
        }
    }

    @Test
    void javaInitiatesModp2048WithPfsModp1536() {
        try (DhKeyPool pool = new DhKeyPool(2, new SecureRandomSource(), OPENSSL)) {
            EnginePair pair = pair(EnginePair.MM_AES128_SHA1_MODP2048, ModpGroup.MODP_1536, pool, DhKeySource.DRAWN);
            TwoEngineNegotiationTest.negotiate(pair, pair.b, pair.a);
        }
    }

    private static EnginePair pair(Phase1Proposal proposal, ModpGroup pfs, DhKeySource dhKeysA,
            DhKeySource dhKeysB) {
        return new EnginePair(policies(EnginePair.ADDRESS_B, proposal, TrafficSelector.between(EnginePair.NET_A,
                EnginePair.NET_B), pfs), dhKeysA,
                policies(EnginePair.ADDRESS_A, proposal, TrafficSelector.between(EnginePair.NET_B, EnginePair.NET_A),
                        pfs), dhKeysB);
    }

    private static Policies policies(InetAddress peer, Phase1Proposal proposal, TrafficSelector selector,
            ModpGroup pfs) {
        return EnginePair.policies(peer, proposal, new Phase2Policy(Optional.of(selector),
                List.of(IpsecEncryption.AES_128), List.of(IpsecAuthentication.HMAC_SHA1), Optional.of(pfs), 3600));
    }
}
