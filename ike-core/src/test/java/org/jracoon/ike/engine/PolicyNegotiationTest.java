package org.jracoon.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.Lifetime;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.policy.Identifier;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.jracoon.ike.policy.Phase2Policy;
import org.jracoon.ike.policy.Policies;
import org.jracoon.ike.policy.ProposalCheck;
import org.jracoon.ike.policy.RemotePolicy;
import org.junit.jupiter.api.Test;

/** What the policies decide between two engines: lifetimes by proposal_check, anonymous sainfo, identities. */
class PolicyNegotiationTest {

    @Test
    void claimAnswersALongerLifetimeWithResponderLifetime() {
        Policies a = policies(remote(EnginePair.ADDRESS_B),
                sainfo(Optional.of(between(EnginePair.NET_A, EnginePair.NET_B)), 7200));
        Policies b = policies(remote(EnginePair.ADDRESS_A).withProposalCheck(ProposalCheck.CLAIM),
                sainfo(Optional.of(between(EnginePair.NET_B, EnginePair.NET_A)), 3600));
        EnginePair pair = new EnginePair(a, b);
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        TwoEngineNegotiationTest.sameSa(pair.a.kernel.added.get(0), pair.b.kernel.updated.get(0));
        TwoEngineNegotiationTest.sameSa(pair.b.kernel.added.get(0), pair.a.kernel.updated.get(0));
        // A proposed 7200 s and took B's RESPONDER-LIFETIME of 3600 s (shorter, so strict accepts it)
        for (SaSpec sa : List.of(pair.a.kernel.added.get(0), pair.a.kernel.updated.get(0))) {
            assertEquals(Lifetime.seconds(3600), sa.hard());
            assertEquals(Lifetime.seconds(2880), sa.soft());
        }
    }

    @Test
    void transportModeBetweenTheHostsUnderAnonymousSainfo() {
        Policies a = policies(remote(EnginePair.ADDRESS_B), sainfo(Optional.empty(), 3600));
        Policies b = policies(remote(EnginePair.ADDRESS_A), sainfo(Optional.empty(), 3600));
        EnginePair pair = new EnginePair(a, b);
        TrafficSelector hosts = between(IpPrefix.host(EnginePair.ADDRESS_A), IpPrefix.host(EnginePair.ADDRESS_B));
        pair.a.engine.acquire(new SaRequest(EnginePair.ADDRESS_A, EnginePair.ADDRESS_B, hosts, IpsecProtocol.ESP,
                IpsecMode.TRANSPORT, 7, 1));
        pair.pump();
        SaSpec out = pair.a.kernel.added.get(0);
        assertEquals(IpsecMode.TRANSPORT, out.mode());
        assertEquals(7, out.reqid(), "the initiator installs with the policy's reqid");
        TwoEngineNegotiationTest.sameSa(out, pair.b.kernel.updated.get(0));
        assertEquals(hosts, pair.a.engine.ipsecSas().get(0).selector());
        assertEquals(between(IpPrefix.host(EnginePair.ADDRESS_B), IpPrefix.host(EnginePair.ADDRESS_A)),
                pair.b.engine.ipsecSas().get(0).selector());
    }

    @Test
    void fqdnIdentityIsCheckedAgainstPeersIdentifier() {
        RemotePolicy named = remote(EnginePair.ADDRESS_B).withIdentifiers(Identifier.fqdn("a.example.org"),
                Optional.empty());
        EnginePair good = new EnginePair(policies(named, sainfo(Optional.empty(), 3600)), policies(
                remote(EnginePair.ADDRESS_A).withIdentifiers(Identifier.address(),
                        Optional.of(Identifier.fqdn("A.example.org"))), sainfo(Optional.empty(), 3600)));
        good.a.engine.acquire(good.a.request(good.b, IpsecMode.TUNNEL));
        good.pump();
        assertEquals(1, good.b.sink.events(EngineEvent.Phase2Established.class).size());

        try (LogCapture log = new LogCapture()) {
            EnginePair bad = new EnginePair(policies(named, sainfo(Optional.empty(), 3600)), policies(
                    remote(EnginePair.ADDRESS_A).withIdentifiers(Identifier.address(),
                            Optional.of(Identifier.fqdn("b.example.org"))), sainfo(Optional.empty(), 3600)));
            bad.a.engine.acquire(bad.a.request(bad.b, IpsecMode.TUNNEL));
            bad.pump();
            List<String> refusal = log.warnings("192.168.1.11[500]");
            assertEquals(1, refusal.size(), refusal.toString());
            assertTrue(refusal.get(0).contains("ID_FQDN a.example.org is not fqdn b.example.org"), refusal.get(0));
            assertTrue(refusal.get(0).contains("INVALID-ID-INFORMATION"), refusal.get(0));
            assertTrue(bad.b.engine.isakmpSas().isEmpty());
            assertTrue(bad.b.kernel.installed().isEmpty());
        }
    }

    private static RemotePolicy remote(InetAddress peer) {
        return RemotePolicy.of(Optional.of(peer), List.of(EnginePair.MM_3DES_SHA1_MODP1024));
    }

    private static Phase2Policy sainfo(Optional<TrafficSelector> selector, long lifetime) {
        return new Phase2Policy(selector, List.of(IpsecEncryption.AES_256, IpsecEncryption.TRIPLE_DES),
                List.of(IpsecAuthentication.HMAC_SHA2_256, IpsecAuthentication.HMAC_SHA1), Optional.empty(), lifetime);
    }

    private static Policies policies(RemotePolicy remote, Phase2Policy sainfo) {
        return new Policies(List.of(remote), List.of(sainfo));
    }

    private static TrafficSelector between(IpPrefix ours, IpPrefix theirs) {
        return TrafficSelector.between(ours, theirs);
    }
}
