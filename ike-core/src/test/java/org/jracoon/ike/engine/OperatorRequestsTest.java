package org.jracoon.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.keymat.Padding;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.jracoon.ike.policy.Policies;
import org.jracoon.ike.sa.IpsecSa;
import org.jracoon.ike.sa.IsakmpSa;
import org.jracoon.ike.sa.Role;
import org.junit.jupiter.api.Test;

/** What racoonctl asks of the engine: status, phase 1 alone, deletes that tell the peer, a reload. */
class OperatorRequestsTest {

    private static EnginePair pair() {
        return EnginePair.symmetric(EnginePair.MM_3DES_SHA1_MODP1024, List.of(IpsecEncryption.AES_128),
                List.of(IpsecAuthentication.HMAC_SHA1), Optional.empty());
    }

    @Test
    void connectNegotiatesPhaseOneAloneAndStatusShowsIt() {
        EnginePair pair = pair();
        assertEquals(Optional.empty(), pair.a.engine.connect(EnginePair.ADDRESS_A, EnginePair.ADDRESS_B));
        IsakmpSaStatus negotiating = pair.a.engine.isakmpSaStatus().get(0);
        assertEquals(IsakmpSa.State.MM_SA, negotiating.state());
        assertEquals(0, negotiating.cookies().responder());
        pair.pump();
        assertEquals(1, pair.a.sink.events(EngineEvent.Phase1Established.class).size());
        assertTrue(pair.a.sink.events(EngineEvent.Phase2Established.class).isEmpty());
        IsakmpSaStatus up = pair.a.engine.isakmpSaStatus().get(0);
        assertEquals(IsakmpSa.State.ESTABLISHED, up.state());
        assertEquals(Role.INITIATOR, up.role());
        assertEquals(pair.b.endpoint(), up.remote());
        assertEquals(pair.b.engine.isakmpSaStatus().get(0).cookies(), up.cookies());
        assertEquals(pair.clock.instant(), up.created());
        assertEquals(0, up.ipsecPairs());

        pair.a.engine.connect(EnginePair.ADDRESS_A, EnginePair.ADDRESS_B);
        pair.pump();
        assertEquals(1, pair.a.engine.isakmpSaStatus().size(), "a second connect reuses the ISAKMP SA");
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(1, pair.a.engine.isakmpSaStatus().get(0).ipsecPairs(), "Quick Mode on the existing SA");
    }

    @Test
    void deletingAnIsakmpSaRemovesItsPairsOnBothSides() {
        EnginePair pair = pair();
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        IpsecSa onA = pair.a.engine.ipsecSas().get(0);
        assertEquals(0, pair.a.engine.deleteIsakmpSas(s -> !s.remote().equals(pair.b.endpoint()), true));
        assertEquals(1, pair.a.engine.deleteIsakmpSas(s -> s.remote().equals(pair.b.endpoint()), true));
        pair.pump();
        assertTrue(pair.a.engine.isakmpSaStatus().isEmpty());
        assertTrue(pair.b.engine.isakmpSaStatus().isEmpty(), "B took the ISAKMP DELETE");
        assertTrue(pair.b.engine.ipsecSas().isEmpty(), "B took the IPsec DELETE");
        assertEquals(List.<SaId>of(onA.inbound(), onA.outbound()), pair.a.kernel.deleted);
        assertEquals(List.<SaId>of(onA.outbound(), onA.inbound()), pair.b.kernel.deleted);
    }

    @Test
    void flushingIsakmpSasLeavesTheirPairsInstalled() {
        EnginePair pair = pair();
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(1, pair.a.engine.deleteIsakmpSas(s -> true, false));
        pair.pump();
        assertTrue(pair.b.engine.isakmpSaStatus().isEmpty(), "B took the ISAKMP DELETE");
        assertTrue(pair.a.kernel.deleted.isEmpty());
        assertTrue(pair.b.kernel.deleted.isEmpty());
        assertEquals(2, pair.b.kernel.installed().size());
    }

    @Test
    void deletingIpsecPairsKeepsTheIsakmpSa() {
        EnginePair pair = pair();
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(0, pair.b.engine.deleteIpsecSas(p -> p.protocol() == IpsecProtocol.AH));
        assertEquals(1, pair.b.engine.deleteIpsecSas(p -> p.protocol() == IpsecProtocol.ESP));
        pair.pump();
        assertTrue(pair.a.engine.ipsecSas().isEmpty());
        assertTrue(pair.b.engine.ipsecSas().isEmpty());
        assertEquals(2, pair.a.kernel.deleted.size());
        assertEquals(1, pair.a.engine.isakmpSaStatus().size());
        assertEquals(1, pair.b.engine.isakmpSaStatus().size());
    }

    @Test
    void aReloadedConfigurationServesTheNextNegotiation() {
        EnginePair pair = pair();
        Policies none = new Policies(List.of(), List.of());
        pair.a.engine.reconfigure(none, EnginePair.psk(EnginePair.PSK), Padding.RACOON_DEFAULT);
        assertEquals(Optional.of("no phase 1 to 192.168.1.12: no remote policy"),
                pair.a.engine.connect(EnginePair.ADDRESS_A, EnginePair.ADDRESS_B));
        assertTrue(pair.a.engine.isakmpSaStatus().isEmpty());
        pair.a.engine.reconfigure(EnginePair.policies(EnginePair.ADDRESS_B, EnginePair.MM_3DES_SHA1_MODP1024,
                EnginePair.sainfo(EnginePair.NET_A, EnginePair.NET_B)), EnginePair.psk(EnginePair.PSK),
                Padding.RACOON_DEFAULT);
        pair.a.engine.acquire(pair.a.request(pair.b, IpsecMode.TUNNEL));
        pair.pump();
        assertEquals(1, pair.a.engine.ipsecSas().size());
    }
}
