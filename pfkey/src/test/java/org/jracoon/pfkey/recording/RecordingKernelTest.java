package org.jracoon.pfkey.recording;

import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecLevel;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.IpsecRequest;
import org.jracoon.ike.kernel.KernelEvent;
import org.jracoon.ike.kernel.KernelException;
import org.jracoon.ike.kernel.KernelOperation;
import org.jracoon.ike.kernel.KernelPolicy;
import org.jracoon.ike.kernel.KeyMaterial;
import org.jracoon.ike.kernel.PolicyDirection;
import org.jracoon.ike.kernel.PolicySpec;
import org.jracoon.ike.kernel.SaEncryption;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.SaState;
import org.jracoon.ike.kernel.TrafficSelector;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingKernelTest {
    private final RecordingKernel kernel = new RecordingKernel();
    private final InetAddress a = InetAddress.getLoopbackAddress();
    private final InetAddress b;

    RecordingKernelTest() throws Exception {
        b = InetAddress.getByName("192.0.2.2");
    }

    @Test
    void getSpiLeavesALarvalSaThatUpdateCompletes() throws Exception {
        int first = kernel.getSpi(IpsecProtocol.ESP, b, a, IpsecMode.TRANSPORT, 0, 0x100, 0x101, 0);
        int second = kernel.getSpi(IpsecProtocol.ESP, b, a, IpsecMode.TRANSPORT, 0, 0x100, 0x101, 0);
        assertEquals(List.of(0x100, 0x101), List.of(first, second));
        KernelException full = assertThrows(KernelException.class,
                () -> kernel.getSpi(IpsecProtocol.ESP, b, a, IpsecMode.TRANSPORT, 0, 0x100, 0x101, 0));
        assertEquals(KernelOperation.GETSPI, full.operation());

        SaId id = new SaId(IpsecProtocol.ESP, b, a, first);
        assertEquals(SaState.LARVAL, kernel.getSa(id).orElseThrow().state());
        SaSpec sa = SaSpec.builder(id).encryption(SaEncryption.AES_CBC, KeyMaterial.of(new byte[16])).build();
        kernel.updateSa(sa);
        assertEquals(SaState.MATURE, kernel.getSa(id).orElseThrow().state());
        assertEquals(sa, kernel.getSa(id).orElseThrow().spec());

        SaSpec missing = SaSpec.builder(new SaId(IpsecProtocol.ESP, b, a, 0x999)).build();
        assertEquals(3, assertThrows(KernelException.class, () -> kernel.updateSa(missing)).errno());
    }

    @Test
    void answersLikeTheKernelAndRecordsEveryCall() throws Exception {
        SaSpec sa = SaSpec.builder(new SaId(IpsecProtocol.AH, a, b, 0x2000))
                .integrity(org.jracoon.ike.kernel.SaIntegrity.HMAC_SHA1, KeyMaterial.of(new byte[20])).build();
        kernel.addSa(sa);
        KernelException dup = assertThrows(KernelException.class, () -> kernel.addSa(sa));
        assertEquals(17, dup.errno());
        assertTrue(dup.getMessage().contains("File exists (EEXIST)"), dup.getMessage());
        kernel.deleteSa(sa.id());
        assertEquals(3, assertThrows(KernelException.class, () -> kernel.deleteSa(sa.id())).errno());
        assertEquals(List.of(KernelOperation.ADD, KernelOperation.ADD, KernelOperation.DELETE, KernelOperation.DELETE),
                kernel.calls().stream().map(RecordingKernel.Call::operation).toList());
        assertEquals(List.of(sa), kernel.calls().get(0).arguments());
    }

    @Test
    void policiesAreKeyedBySelectorAndDirection() throws Exception {
        TrafficSelector sel = TrafficSelector.between(IpPrefix.host(a), IpPrefix.host(b));
        PolicySpec out = PolicySpec.ipsec(sel, PolicyDirection.OUT,
                List.of(IpsecRequest.transport(IpsecProtocol.ESP, IpsecLevel.REQUIRE)));
        KernelPolicy o = kernel.addPolicy(out);
        KernelPolicy i = kernel.addPolicy(PolicySpec.ipsec(sel, PolicyDirection.IN, out.requests()));
        assertEquals(1, o.id() & 7);
        assertEquals(0, i.id() & 7);
        assertEquals(17, assertThrows(KernelException.class, () -> kernel.addPolicy(out)).errno());
        assertEquals(o.id(), kernel.updatePolicy(out).id());
        assertEquals(Optional.of(i), kernel.getPolicy(i.id()));
        assertEquals(Optional.of(i), kernel.getPolicy(sel, PolicyDirection.IN));
        assertEquals(Optional.empty(), kernel.getPolicy(sel, PolicyDirection.FWD));
        kernel.deletePolicy(i.id());
        kernel.deletePolicy(sel, PolicyDirection.OUT);
        assertEquals(List.of(), kernel.dumpPolicy());
        assertEquals(2, assertThrows(KernelException.class, () -> kernel.deletePolicy(sel, PolicyDirection.OUT)).errno());
    }

    @Test
    void raisedEventsReachListeners() throws Exception {
        List<KernelEvent> seen = new ArrayList<>();
        kernel.addListener(seen::add);
        kernel.register(IpsecProtocol.ESP);
        KernelEvent.Acquire acquire = new KernelEvent.Acquire(5, IpsecProtocol.ESP, a, b, 9);
        kernel.raise(acquire);
        assertEquals(List.of(acquire), seen);
        assertEquals(java.util.Set.of(IpsecProtocol.ESP), kernel.registered());
    }
}
