package org.jracoon.daemon.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import org.jracoon.crypto.openssl.OpenSslCryptoProvider;
import org.jracoon.daemon.auth.ConfiguredAuthenticators;
import org.jracoon.daemon.auth.TestPki;
import org.jracoon.daemon.config.ConfigMapping;
import org.jracoon.daemon.net.UdpTransport;
import org.jracoon.ike.crypto.CryptoProvider;
import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.crypto.Secret;
import org.jracoon.ike.exchange.Authenticators;
import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecLevel;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.IpsecRequest;
import org.jracoon.ike.kernel.KernelEvent;
import org.jracoon.ike.kernel.KernelOperation;
import org.jracoon.ike.kernel.KernelPolicy;
import org.jracoon.ike.kernel.PolicyDirection;
import org.jracoon.ike.kernel.PolicySpec;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.keymat.Padding;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.jracoon.ike.policy.Phase1Proposal;
import org.jracoon.ike.policy.Phase2Policy;
import org.jracoon.ike.policy.Policies;
import org.jracoon.ike.policy.RemotePolicy;
import org.jracoon.pfkey.recording.RecordingKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Two daemons with recording kernels (as {@code --dry-run} runs) over real UDP sockets on
 * loopback: an ACQUIRE on one side becomes Main Mode and Quick Mode, with pre-shared keys or
 * with certificates, and both kernels receive matching SAs. Port 500 on 127.0.0.3 and 127.0.0.4, because the engine reaches peers on 500.
 */
class DaemonDryRunTest {

    private static final InetAddress A = address("127.0.0.3");
    private static final InetAddress B = address("127.0.0.4");
    private static final IpPrefix NET_A = new IpPrefix(address("10.1.0.0"), 24);
    private static final IpPrefix NET_B = new IpPrefix(address("10.2.0.0"), 24);
    private static final TrafficSelector OUT_A = TrafficSelector.between(NET_A, NET_B);

    @Test
    void acquireOnOneSideInstallsMatchingSasOnBoth() throws Exception {
        RecordingKernel kernelA = new RecordingKernel();
        RecordingKernel kernelB = new RecordingKernel();
        ByteArrayOutputStream printedA = new ByteArrayOutputStream();
        KernelPolicy policy = tunnelPolicy(kernelA);
        try (Daemon a = Daemon.start(kernelA, settings(A, B, OUT_A, new PrintStream(printedA, true)));
                Daemon b = Daemon.start(kernelB, settings(B, A, TrafficSelector.between(NET_B, NET_A), null))) {
            // an ACQUIRE from an address we do not listen on is not ours (racoon isakmp_post_acquire)
            kernelA.raise(new KernelEvent.Acquire(6, IpsecProtocol.ESP, address("127.0.0.9"), B, policy.id()));
            kernelA.raise(new KernelEvent.Acquire(7, IpsecProtocol.ESP, A, B, policy.id()));
            List<SaSpec> installedA = waitForPair(kernelA);
            List<SaSpec> installedB = waitForPair(kernelB);
            // A's inbound SA (UPDATE) is B's outbound one (ADD), and the other way round
            assertEquals(installedA.get(0), installedB.get(1));
            assertEquals(installedA.get(1), installedB.get(0));
            assertEquals(B, installedA.get(0).id().source());
            assertEquals(1, kernelA.calls().stream().filter(c -> c.operation() == KernelOperation.GETSPI).count(),
                    "the ACQUIRE from 127.0.0.9 reserved nothing");
            assertTrue(kernelA.calls().stream().anyMatch(c -> c.operation() == KernelOperation.GETSPI
                    && c.arguments().contains(7)), kernelA.calls().toString());
            // the engine asks for 0..0, which Linux takes literally: the kernel's default range goes instead
            assertTrue(kernelB.calls().stream().filter(c -> c.operation() == KernelOperation.GETSPI)
                    .allMatch(c -> c.arguments().subList(5, 7).equals(List.of(0x100, 0x0fffffff))),
                    kernelB.calls().toString());
        }
        String printed = printedA.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("would install: ESP TUNNEL in 0x") && printed.contains(
                " 10.1.0.0/24[any] 10.2.0.0/24[any] any 127.0.0.3 <-> 127.0.0.4 lifetime 3600 s"), printed);
    }

    /** moon signs and computes its DH values with libcrypto, sun with Java: the two agree. */
    @Test
    void rsaSignaturesWithHashLinkedCaAndDnIdentities(@TempDir Path dir) throws Exception {
        RecordingKernel kernelA = new RecordingKernel();
        RecordingKernel kernelB = new RecordingKernel();
        KernelPolicy policy = tunnelPolicy(kernelA);
        CryptoProvider openssl = OpenSslCryptoProvider.load();
        try (Daemon a = Daemon.start(kernelA, rsaSettings(dir, "moon", A, B, OUT_A, TestPki.SUN_DN, openssl), openssl);
                Daemon b = Daemon.start(kernelB, rsaSettings(dir, "sun", B, A, TrafficSelector.between(NET_B, NET_A),
                        TestPki.MOON_DN, CryptoProvider.JAVA))) {
            kernelA.raise(new KernelEvent.Acquire(8, IpsecProtocol.ESP, A, B, policy.id()));
            List<SaSpec> installedA = waitForPair(kernelA);
            List<SaSpec> installedB = waitForPair(kernelB);
            assertEquals(installedA.get(0), installedB.get(1));
            assertEquals(installedA.get(1), installedB.get(0));
        }
    }

    @Test
    void aCertificateWhoseDnIsNotPeersIdentifierIsRefusedWithOneLine(@TempDir Path dir) throws Exception {
        RecordingKernel kernelA = new RecordingKernel();
        RecordingKernel kernelB = new RecordingKernel();
        KernelPolicy policy = tunnelPolicy(kernelA);
        List<String> warnings = new CopyOnWriteArrayList<>();
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                    warnings.add(event.getFormattedMessage());
                }
            }
        };
        Logger ike = (Logger) LoggerFactory.getLogger("ike");
        capture.start();
        ike.addAppender(capture);
        try (Daemon a = Daemon.start(kernelA, rsaSettings(dir, "moon", A, B, OUT_A, TestPki.SUN_DN,
                CryptoProvider.JAVA));
                Daemon b = Daemon.start(kernelB, rsaSettings(dir, "sun", B, A, TrafficSelector.between(NET_B, NET_A),
                        "C=CH, O=IKEv1 Test, CN=other.test", CryptoProvider.JAVA))) {
            kernelA.raise(new KernelEvent.Acquire(9, IpsecProtocol.ESP, A, B, policy.id()));
            String expected = "peer's identity \"C=CH, O=IKEv1 Test, CN=moon.test\" does not match peers_identifier";
            for (int i = 0; i < 200 && warnings.stream().noneMatch(w -> w.contains(expected)); i++) {
                Thread.sleep(100);
            }
            List<String> refusals = warnings.stream().filter(w -> w.contains(expected)).toList();
            assertEquals(1, refusals.size(), warnings.toString());
            assertTrue(refusals.get(0).contains("phase 1 with 127.0.0.3[500] refused"), refusals.get(0));
            for (RecordingKernel kernel : List.of(kernelA, kernelB)) {
                assertTrue(kernel.calls().stream().noneMatch(c -> c.operation() == KernelOperation.UPDATE
                        || c.operation() == KernelOperation.ADD), kernel.calls().toString());
            }
        } finally {
            ike.detachAppender(capture);
        }
    }

    /** A's outbound tunnel policy, whose id the ACQUIREs name. */
    private static KernelPolicy tunnelPolicy(RecordingKernel kernel) throws Exception {
        return kernel.addPolicy(PolicySpec.ipsec(OUT_A, PolicyDirection.OUT,
                List.of(IpsecRequest.tunnel(IpsecProtocol.ESP, A, B, IpsecLevel.REQUIRE))));
    }

    /** The inbound SA (UPDATE) and the outbound one (ADD), once both are there. */
    private static List<SaSpec> waitForPair(RecordingKernel kernel) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Optional<SaSpec> update = argument(kernel, KernelOperation.UPDATE);
            Optional<SaSpec> add = argument(kernel, KernelOperation.ADD);
            if (update.isPresent() && add.isPresent()) {
                return List.of(update.get(), add.get());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no SA pair installed; calls: " + kernel.calls());
    }

    private static Optional<SaSpec> argument(RecordingKernel kernel, KernelOperation operation) {
        return kernel.calls().stream().filter(c -> c.operation() == operation)
                .map(c -> (SaSpec) c.arguments().get(0)).findFirst();
    }

    private static Daemon.Settings settings(InetAddress self, InetAddress peer, TrafficSelector selector,
            PrintStream out) {
        Policies policies = policies(peer, selector, AuthMethod.PRE_SHARED_KEY);
        Secret psk = Secret.copyOf("racoon-test-psk-0123456789".getBytes(StandardCharsets.US_ASCII));
        return settings(self, policies, Authenticators.preSharedKeys(p -> p.equals(peer) ? Optional.of(psk)
                : Optional.empty()), out);
    }

    private static Daemon.Settings settings(InetAddress self, Policies policies, Authenticators authenticators,
            PrintStream out) {
        return new Daemon.Settings(policies, authenticators, Padding.RACOON_DEFAULT,
                List.of(new UdpTransport.Endpoint(new InetSocketAddress(self, 500), false)), out, ScriptHooks.NONE);
    }

    private static Policies policies(InetAddress peer, TrafficSelector selector, AuthMethod method) {
        RemotePolicy remote = RemotePolicy.of(Optional.of(peer), List.of(new Phase1Proposal(
                EncryptionAlgorithm.TRIPLE_DES_CBC, 0, HashAlgorithm.SHA1, method, ModpGroup.MODP_1024, 28800)));
        Phase2Policy phase2 = new Phase2Policy(Optional.of(selector), List.of(IpsecEncryption.TRIPLE_DES),
                List.of(IpsecAuthentication.HMAC_MD5), Optional.of(ModpGroup.MODP_768), 3600);
        return new Policies(List.of(remote), List.of(phase2));
    }

    /** A daemon's RSA settings: its host's certificate, the CA by hash link, the peer's DN required. */
    private static Daemon.Settings rsaSettings(Path dir, String host, InetAddress self, InetAddress peer,
            TrafficSelector selector, String peersDn, CryptoProvider crypto) throws IOException {
        Path certs = TestPki.install(dir.resolve(host), host);
        Policies policies = policies(peer, selector, AuthMethod.RSA_SIGNATURE);
        ConfigMapping.CertificateRemote remote = new ConfigMapping.CertificateRemote(policies.remotes().get(0),
                host + ".pem", host + ".key", Optional.empty(), true, Optional.empty(), Optional.of(peersDn), true,
                true);
        return settings(self, policies, ConfiguredAuthenticators.load(policies, Optional.empty(), List.of(remote),
                Optional.of(certs), crypto), null);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
