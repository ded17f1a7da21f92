package org.jracoon.pfkey;

import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecLevel;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.IpsecRequest;
import org.jracoon.ike.kernel.KernelIpsec;
import org.jracoon.ike.kernel.KernelEvent;
import org.jracoon.ike.kernel.KernelException;
import org.jracoon.ike.kernel.KernelOperation;
import org.jracoon.ike.kernel.KernelPolicy;
import org.jracoon.ike.kernel.KernelSa;
import org.jracoon.ike.kernel.KeyMaterial;
import org.jracoon.ike.kernel.Lifetime;
import org.jracoon.ike.kernel.PolicyAction;
import org.jracoon.ike.kernel.PolicyDirection;
import org.jracoon.ike.kernel.PolicySpec;
import org.jracoon.ike.kernel.SaEncryption;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.kernel.SaIntegrity;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.SaState;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.kernel.UdpEncapsulation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kernel backend against the real kernel: each operation observed there, also with {@code ip
 * xfrm} (run inside run-in-kernel). Every backend's kernel test extends this one.
 */
@Tag("kernel")
public abstract class KernelIpsecContract {
    protected static final InetAddress A = ip("10.77.0.1");
    protected static final InetAddress B = ip("10.77.0.2");
    private static final byte[] AES_KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final byte[] SHA1_KEY = HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f1011121314");

    protected KernelIpsec kernel;
    private final BlockingQueue<KernelEvent> events = new LinkedBlockingQueue<>();

    /** An address literal, for tests. */
    public static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    @BeforeEach
    void open() throws Exception {
        kernel = openKernel();
        kernel.flushSa();
        kernel.flushPolicy();
        kernel.addListener(events::add);
    }

    /** Opens the backend under test. */
    protected abstract KernelIpsec openKernel() throws Exception;

    @AfterEach
    void close() throws Exception {
        if (kernel == null) {
            return; // the backend is not in this kernel and the test was skipped
        }
        kernel.flushSa();
        kernel.flushPolicy();
        kernel.close();
    }

    protected static SaSpec esp(InetAddress src, InetAddress dst, int spi) {
        return SaSpec.builder(new SaId(IpsecProtocol.ESP, src, dst, spi))
                .mode(IpsecMode.TUNNEL).reqid(7).replayWindow(32)
                .encryption(SaEncryption.AES_CBC, KeyMaterial.of(AES_KEY))
                .integrity(SaIntegrity.HMAC_SHA1, KeyMaterial.of(SHA1_KEY))
                .soft(new Lifetime(0, 0, 2880, 0)).hard(new Lifetime(0, 0, 3600, 0))
                .build();
    }

    private <T extends KernelEvent> T await(Class<T> kind, Predicate<T> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            KernelEvent e = events.poll(500, TimeUnit.MILLISECONDS);
            if (kind.isInstance(e) && match.test(kind.cast(e))) {
                return kind.cast(e);
            }
        }
        throw new AssertionError("no " + kind.getSimpleName() + " within 20 s");
    }

    @Test
    void getSpiInARangeThenUpdateTheLarvalSa() throws Exception {
        int spi = kernel.getSpi(IpsecProtocol.ESP, B, A, IpsecMode.TUNNEL, 7, 0x1000, 0x10ff, 0);
        assertTrue(Integer.compareUnsigned(spi, 0x1000) >= 0 && Integer.compareUnsigned(spi, 0x10ff) <= 0,
                Integer.toHexString(spi));
        SaId id = new SaId(IpsecProtocol.ESP, B, A, spi);
        assertEquals(SaState.LARVAL, kernel.getSa(id).orElseThrow().state());

        int single = kernel.getSpi(IpsecProtocol.ESP, B, A, IpsecMode.TUNNEL, 7, 0x2345, 0x2345, 0);
        assertEquals(0x2345, single);

        SaSpec full = esp(B, A, spi);
        kernel.updateSa(full);
        KernelSa installed = kernel.getSa(id).orElseThrow();
        assertEquals(SaState.MATURE, installed.state());
        assertEquals(full, installed.spec());
        String state = Shell.ok("ip", "xfrm", "state");
        assertTrue(state.contains(String.format("spi 0x%08x", spi)) && state.contains("0x00112233445566778899aabbccddeeff"), state);
    }

    @Test
    void addGetDeleteWithTypedErrors() throws Exception {
        SaSpec esp = esp(A, B, 0x3001);
        SaSpec ah = SaSpec.builder(new SaId(IpsecProtocol.AH, A, B, 0x3002)).replayWindow(4)
                .integrity(SaIntegrity.HMAC_SHA2_256, KeyMaterial.of(new byte[32])).build();
        SaSpec natt = esp(A, B, 0x3003).toBuilder().mode(IpsecMode.TRANSPORT)
                .encapsulation(UdpEncapsulation.espInUdp(4500, 4500)).build();
        SaSpec v6 = esp(ip("2001:db8::1"), ip("2001:db8::2"), 0x3004);
        kernel.addSa(esp);
        kernel.addSa(ah);
        kernel.addSa(natt);
        kernel.addSa(v6);
        assertEquals(v6, kernel.getSa(v6.id()).orElseThrow().spec());
        assertEquals(esp, kernel.getSa(esp.id()).orElseThrow().spec());
        assertEquals(ah, kernel.getSa(ah.id()).orElseThrow().spec());
        assertEquals(natt, kernel.getSa(natt.id()).orElseThrow().spec());
        String state = Shell.ok("ip", "xfrm", "state");
        assertTrue(state.contains("spi 0x00003002") && state.contains("hmac(sha256)"), state);
        assertTrue(state.contains("encap type espinudp sport 4500 dport 4500"), state);
        assertTrue(state.contains("src 2001:db8::1 dst 2001:db8::2"), state);

        KernelException dup = assertThrows(KernelException.class, () -> kernel.addSa(esp));
        assertEquals(KernelOperation.ADD, dup.operation());
        assertEquals(Errno.EEXIST, dup.errno());
        assertTrue(dup.getMessage().contains("spi 0x00003001") && dup.getMessage().contains("EEXIST"), dup.getMessage());

        kernel.deleteSa(esp.id());
        assertEquals(Optional.empty(), kernel.getSa(esp.id()));
        assertFalse(Shell.ok("ip", "xfrm", "state").contains("spi 0x00003001"));
        KernelException gone = assertThrows(KernelException.class, () -> kernel.deleteSa(esp.id()));
        assertEquals(KernelOperation.DELETE, gone.operation());
        assertEquals(Errno.ESRCH, gone.errno());
    }

    @Test
    void dumpsAThousandSas() throws Exception {
        for (int i = 0; i < 1000; i++) {
            kernel.addSa(esp(A, B, 0x10000 + i));
        }
        List<KernelSa> all = kernel.dumpSa();
        assertEquals(1000, all.size());
        assertEquals(1000, all.stream().map(s -> s.spec().id().spi()).distinct().count());
        assertTrue(all.stream().allMatch(s -> s.spec().equals(esp(A, B, s.spec().id().spi()))));
        assertTrue(Shell.ok("ip", "xfrm", "state", "count").contains("1000"));
        kernel.flushSa();
        assertEquals(List.of(), kernel.dumpSa());
    }

    @Test
    void policiesAreAddedDumpedAndDeleted() throws Exception {
        TrafficSelector outSel = TrafficSelector.between(new IpPrefix(ip("10.1.0.0"), 16), new IpPrefix(ip("10.2.0.0"), 16));
        TrafficSelector inSel = TrafficSelector.between(new IpPrefix(ip("10.2.0.0"), 16), new IpPrefix(ip("10.1.0.0"), 16));
        PolicySpec out = PolicySpec.ipsec(outSel, PolicyDirection.OUT,
                List.of(IpsecRequest.tunnel(IpsecProtocol.ESP, A, B, IpsecLevel.REQUIRE)));
        PolicySpec in = PolicySpec.ipsec(inSel, PolicyDirection.IN,
                List.of(IpsecRequest.tunnel(IpsecProtocol.ESP, B, A, IpsecLevel.UNIQUE).withReqid(5)));
        TrafficSelector web = new TrafficSelector(IpPrefix.host(A), TrafficSelector.ANY_PORT, IpPrefix.host(B), 80, 6);
        PolicySpec bypass = PolicySpec.of(web, PolicyDirection.OUT, PolicyAction.NONE);
        TrafficSelector v6Sel = TrafficSelector.between(new IpPrefix(ip("2001:db8:1::"), 48), new IpPrefix(ip("2001:db8:2::"), 48));
        PolicySpec v6 = PolicySpec.ipsec(v6Sel, PolicyDirection.FWD,
                List.of(IpsecRequest.tunnel(IpsecProtocol.ESP, ip("2001:db8::1"), ip("2001:db8::2"), IpsecLevel.REQUIRE)));

        KernelPolicy o = kernel.addPolicy(out);
        KernelPolicy i = kernel.addPolicy(in);
        KernelPolicy n = kernel.addPolicy(bypass);
        KernelPolicy f = kernel.addPolicy(v6);
        assertEquals(out, o.spec());
        assertEquals(v6, f.spec());
        assertEquals(List.of(o, i, n, f).stream().sorted(java.util.Comparator.comparingInt(KernelPolicy::id)).toList(),
                kernel.dumpPolicy().stream().sorted(java.util.Comparator.comparingInt(KernelPolicy::id)).toList());
        assertEquals(Optional.of(i), kernel.getPolicy(i.id()));
        assertEquals(Optional.of(i), kernel.getPolicy(inSel, PolicyDirection.IN), "by selector, with its reqid");
        assertEquals(Optional.empty(), kernel.getPolicy(inSel, PolicyDirection.OUT));
        String shown = Shell.ok("ip", "xfrm", "policy");
        assertTrue(shown.contains("src 10.1.0.0/16 dst 10.2.0.0/16") && shown.contains("dir out")
                && shown.contains("tmpl src 10.77.0.1 dst 10.77.0.2") && shown.contains("proto tcp dport 80"), shown);

        KernelException dup = assertThrows(KernelException.class, () -> kernel.addPolicy(out));
        assertEquals(KernelOperation.SPDADD, dup.operation());
        assertEquals(Errno.EEXIST, dup.errno());
        PolicySpec discard = PolicySpec.of(outSel, PolicyDirection.OUT, PolicyAction.DISCARD);
        assertEquals(discard, kernel.updatePolicy(discard).spec());

        kernel.deletePolicy(outSel, PolicyDirection.OUT);
        kernel.deletePolicy(i.id());
        kernel.deletePolicy(f.id());
        assertEquals(Optional.empty(), kernel.getPolicy(i.id()));
        assertEquals(List.of(n), kernel.dumpPolicy());
        KernelException gone = assertThrows(KernelException.class, () -> kernel.deletePolicy(inSel, PolicyDirection.IN));
        assertEquals(KernelOperation.SPDDELETE, gone.operation());
        kernel.deletePolicy(web, PolicyDirection.OUT);
        assertEquals(List.of(), kernel.dumpPolicy());
        assertEquals("", Shell.ok("ip", "xfrm", "policy").trim());
    }

    @Test
    void aPingHittingARequirePolicyWithoutSaRaisesAnAcquire() throws Exception {
        Shell.ok("ip", "link", "add", "pfk0", "type", "veth", "peer", "name", "pfk1");
        try {
            Shell.ok("ip", "addr", "add", "10.78.0.1/24", "dev", "pfk0");
            Shell.ok("ip", "link", "set", "pfk0", "up");
            Shell.ok("ip", "link", "set", "pfk1", "up");
            kernel.register(IpsecProtocol.ESP);
            // ICMP only, so that nothing but an echo request can raise the ACQUIRE.
            TrafficSelector sel = new TrafficSelector(IpPrefix.host(ip("10.78.0.1")), TrafficSelector.ANY_PORT,
                    IpPrefix.host(ip("10.78.0.2")), TrafficSelector.ANY_PORT, 1);
            KernelPolicy p = kernel.addPolicy(PolicySpec.ipsec(sel, PolicyDirection.OUT,
                    List.of(IpsecRequest.transport(IpsecProtocol.ESP, IpsecLevel.REQUIRE))));

            // The guest has no ping(8); as root, isReachable sends an ICMP echo request from pfk0.
            ip("10.78.0.2").isReachable(java.net.NetworkInterface.getByName("pfk0"), 0, 1000);

            KernelEvent.Acquire acquire = await(KernelEvent.Acquire.class, a -> a.policyId() == p.id());
            assertEquals(IpsecProtocol.ESP, acquire.protocol());
            assertEquals(ip("10.78.0.1"), acquire.source());
            assertEquals(ip("10.78.0.2"), acquire.destination());
            assertTrue(acquire.sequence() != 0);
        } finally {
            Shell.run("ip", "link", "del", "pfk0");
        }
    }

    @Test
    void aShortLivedSaExpiresSoftThenHard() throws Exception {
        kernel.register(IpsecProtocol.ESP);
        SaSpec sa = esp(A, B, 0x4001).toBuilder().soft(Lifetime.seconds(1)).hard(Lifetime.seconds(3)).build();
        kernel.addSa(sa);
        KernelEvent.Expire soft = await(KernelEvent.Expire.class, e -> e.sa().equals(sa.id()));
        assertFalse(soft.hard(), "first expiry is the soft one");
        assertEquals(SaState.DYING, kernel.getSa(sa.id()).orElseThrow().state());
        KernelEvent.Expire hard = await(KernelEvent.Expire.class, e -> e.sa().equals(sa.id()));
        assertTrue(hard.hard());
        assertEquals(Optional.empty(), kernel.getSa(sa.id()));
    }

    @Test
    void changesByAnotherProcessReachTheListeners() throws Exception {
        Shell.ok("ip", "xfrm", "state", "add", "src", "10.77.0.1", "dst", "10.77.0.2", "proto", "esp", "spi", "0x5001",
                "mode", "transport", "enc", "cbc(aes)", "0x00112233445566778899aabbccddeeff");
        KernelEvent.SaChanged added = await(KernelEvent.SaChanged.class, e -> e.operation() == KernelOperation.ADD);
        assertEquals(Optional.of(new SaId(IpsecProtocol.ESP, A, B, 0x5001)), added.sa());
        Shell.ok("ip", "xfrm", "policy", "add", "src", "10.3.0.0/16", "dst", "10.4.0.0/16", "dir", "out", "action", "block");
        KernelEvent.PolicyChanged policy = await(KernelEvent.PolicyChanged.class, e -> e.operation() == KernelOperation.SPDADD);
        assertEquals(PolicyAction.DISCARD, policy.policy().orElseThrow().spec().action());
    }

    @Test
    void deletionsAndFlushesByAnotherProcessReachTheListeners() throws Exception {
        SaSpec sa = esp(A, B, 0x5002);
        kernel.addSa(sa);
        TrafficSelector sel = TrafficSelector.between(new IpPrefix(ip("10.3.0.0"), 16), new IpPrefix(ip("10.4.0.0"), 16));
        KernelPolicy p = kernel.addPolicy(PolicySpec.of(sel, PolicyDirection.IN, PolicyAction.DISCARD));
        Shell.ok("ip", "xfrm", "state", "delete", "src", "10.77.0.1", "dst", "10.77.0.2", "proto", "esp", "spi", "0x5002");
        KernelEvent.SaChanged deleted = await(KernelEvent.SaChanged.class, e -> e.operation() == KernelOperation.DELETE);
        assertEquals(Optional.of(sa.id()), deleted.sa());
        Shell.ok("ip", "xfrm", "policy", "delete", "src", "10.3.0.0/16", "dst", "10.4.0.0/16", "dir", "in");
        KernelEvent.PolicyChanged gone = await(KernelEvent.PolicyChanged.class, e -> e.operation() == KernelOperation.SPDDELETE);
        assertEquals(Optional.of(p), gone.policy());
        // The kernel reports a flush only when it removed something.
        kernel.addSa(sa);
        kernel.addPolicy(PolicySpec.of(sel, PolicyDirection.IN, PolicyAction.DISCARD));
        Shell.ok("ip", "xfrm", "state", "flush");
        assertEquals(Optional.empty(), await(KernelEvent.SaChanged.class, e -> e.operation() == KernelOperation.FLUSH).sa());
        Shell.ok("ip", "xfrm", "policy", "flush");
        assertEquals(Optional.empty(),
                await(KernelEvent.PolicyChanged.class, e -> e.operation() == KernelOperation.SPDFLUSH).policy());
    }
}
