package org.jracoon.ike.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.payload.IdPayload;
import org.junit.jupiter.api.Test;

/** racoon's lookup orders and proposal_check rules as the policy types state them. */
class PolicyLookupTest {

    private static final Phase1Proposal PROPOSAL = new Phase1Proposal(EncryptionAlgorithm.AES_CBC, 256,
            HashAlgorithm.SHA2_256, AuthMethod.PRE_SHARED_KEY, ModpGroup.MODP_2048, 28800);

    @Test
    void proposalCheckOnLifetimes() {
        assertEquals(OptionalLong.of(7200), ProposalCheck.OBEY.phase2Lifetime(7200, 3600));
        assertEquals(OptionalLong.empty(), ProposalCheck.STRICT.phase2Lifetime(7200, 3600));
        assertEquals(OptionalLong.of(1800), ProposalCheck.STRICT.phase2Lifetime(1800, 3600));
        assertEquals(OptionalLong.of(3600), ProposalCheck.CLAIM.phase2Lifetime(7200, 3600));
        assertEquals(OptionalLong.empty(), ProposalCheck.EXACT.phase2Lifetime(1800, 3600));
        assertEquals(OptionalLong.of(3600), ProposalCheck.EXACT.phase2Lifetime(3600, 3600));
        // phase 1: strict and claim take the shorter one (racoon get_ph1approvalx)
        assertEquals(OptionalLong.of(3600), ProposalCheck.STRICT.phase1Lifetime(7200, 3600));
        assertEquals(OptionalLong.of(7200), ProposalCheck.OBEY.phase1Lifetime(7200, 3600));
        assertEquals(OptionalLong.empty(), ProposalCheck.EXACT.phase1Lifetime(7200, 3600));
        assertTrue(ProposalCheck.STRICT.acceptsResponderLifetime(1800, 3600));
        assertFalse(ProposalCheck.CLAIM.acceptsResponderLifetime(7200, 3600));
        assertTrue(ProposalCheck.OBEY.acceptsResponderLifetime(7200, 3600));
        assertFalse(ProposalCheck.EXACT.acceptsResponderLifetime(1800, 3600));
    }

    @Test
    void remoteByAddressThenAnonymous() throws UnknownHostException {
        InetAddress known = InetAddress.getByName("192.0.2.1");
        RemotePolicy exact = RemotePolicy.of(Optional.of(known), List.of(PROPOSAL));
        RemotePolicy anonymous = RemotePolicy.of(Optional.empty(), List.of(PROPOSAL)).withNonceSize(32);
        Policies policies = new Policies(List.of(anonymous, exact), List.of());
        assertEquals(exact, policies.remote(known).orElseThrow());
        assertEquals(anonymous, policies.remote(InetAddress.getByName("192.0.2.9")).orElseThrow());
        assertTrue(new Policies(List.of(exact), List.of()).remote(InetAddress.getByName("192.0.2.9")).isEmpty());
    }

    @Test
    void sainfoByExactSelectorThenAnonymous() throws UnknownHostException {
        TrafficSelector nets = TrafficSelector.between(new IpPrefix(InetAddress.getByName("10.1.0.0"), 24),
                new IpPrefix(InetAddress.getByName("10.2.0.0"), 24));
        Phase2Policy exact = new Phase2Policy(Optional.of(nets), List.of(IpsecEncryption.AES_128),
                List.of(IpsecAuthentication.HMAC_SHA1), Optional.empty(), 3600);
        Phase2Policy anonymous = new Phase2Policy(Optional.empty(), List.of(IpsecEncryption.TRIPLE_DES),
                List.of(IpsecAuthentication.HMAC_MD5), Optional.of(ModpGroup.MODP_768), 28800);
        Policies policies = new Policies(List.of(), List.of(anonymous, exact));
        assertEquals(exact, policies.phase2(nets).orElseThrow());
        TrafficSelector other = TrafficSelector.between(new IpPrefix(InetAddress.getByName("10.1.0.0"), 24),
                new IpPrefix(InetAddress.getByName("10.3.0.0"), 24));
        assertEquals(anonymous, policies.phase2(other).orElseThrow());
    }

    @Test
    void identifiers() throws UnknownHostException {
        InetAddress me = InetAddress.getByName("192.0.2.1");
        // racoon fills UDP/500 into an address ID
        assertEquals(IdPayload.ofAddress(me, 17, 500), Identifier.address().payload(me));
        assertEquals(IdPayload.ofAddress(InetAddress.getByName("2001:db8::1"), 17, 500),
                Identifier.address(InetAddress.getByName("2001:db8::1")).payload(me));
        assertTrue(Identifier.address().matches(IdPayload.ofAddress(me), me), "strongSwan's 0/0 is accepted");
        assertFalse(Identifier.address().matches(IdPayload.ofAddress(InetAddress.getByName("192.0.2.2")), me));
        assertTrue(Identifier.userFqdn("vpn@example.org").matches(IdPayload.ofUserFqdn("VPN@example.org"), me));
        assertFalse(Identifier.userFqdn("vpn@example.org").matches(IdPayload.ofFqdn("vpn@example.org"), me));
        assertThrows(IllegalArgumentException.class, () -> new Identifier(Identifier.Kind.ADDRESS, "gw.example.org"));
        assertThrows(IllegalArgumentException.class, () -> Identifier.fqdn(""));
    }

    @Test
    void valuesOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Phase1Proposal(EncryptionAlgorithm.AES_CBC, 100,
                HashAlgorithm.SHA1, AuthMethod.PRE_SHARED_KEY, ModpGroup.MODP_1024, 28800));
        assertThrows(IllegalArgumentException.class, () -> RemotePolicy.of(Optional.empty(), List.of(PROPOSAL))
                .withNonceSize(4));
        assertThrows(IllegalArgumentException.class, () -> new Phase2Policy(Optional.empty(), List.of(),
                List.of(), Optional.empty(), 3600));
    }
}
