package org.jracoon.daemon.runtime;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.jracoon.daemon.net.UdpTransport;
import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.exchange.Authenticators;
import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.keymat.Padding;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.jracoon.ike.policy.Phase1Proposal;
import org.jracoon.ike.policy.Phase2Policy;
import org.jracoon.ike.policy.Policies;
import org.jracoon.ike.policy.RemotePolicy;

/** Daemon settings for tests that run two daemons on loopback addresses, port 500. */
public final class LoopbackSettings {

    private LoopbackSettings() {
    }

    /**
     * A daemon at {@code self} with one peer: Main Mode AES-128/SHA-1/MODP-1024 with a pre-shared
     * key, ESP AES-128/HMAC-SHA-1 for traffic between {@code ours} and {@code theirs}, one hour.
     */
    public static Daemon.Settings psk(InetAddress self, InetAddress peer, IpPrefix ours, IpPrefix theirs) {
        RemotePolicy remote = RemotePolicy.of(Optional.of(peer), List.of(new Phase1Proposal(
                EncryptionAlgorithm.AES_CBC, 128, HashAlgorithm.SHA1, AuthMethod.PRE_SHARED_KEY, ModpGroup.MODP_1024,
                28800)));
        Phase2Policy phase2 = new Phase2Policy(Optional.of(TrafficSelector.between(ours, theirs)),
                List.of(IpsecEncryption.AES_128), List.of(IpsecAuthentication.HMAC_SHA1), Optional.empty(), 3600);
        Secret psk = Secret.copyOf("loopback-test-psk".getBytes(StandardCharsets.US_ASCII));
        return new Daemon.Settings(new Policies(List.of(remote), List.of(phase2)),
                Authenticators.preSharedKeys(p -> p.equals(peer) ? Optional.of(psk) : Optional.empty()),
                Padding.RACOON_DEFAULT, List.of(new UdpTransport.Endpoint(new InetSocketAddress(self, 500), false)), null,
                ScriptHooks.NONE);
    }

    public static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
