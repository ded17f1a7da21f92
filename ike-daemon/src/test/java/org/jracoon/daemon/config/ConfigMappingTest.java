package org.jracoon.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jracoon.daemon.runtime.ScriptHooks;
import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.GeneratePolicy;
import org.jracoon.ike.policy.Identifier;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.jracoon.ike.policy.Liveness;
import org.jracoon.ike.policy.NatTraversal;
import org.jracoon.ike.policy.Phase1Proposal;
import org.jracoon.ike.policy.Phase2Policy;
import org.jracoon.ike.policy.ProposalCheck;
import org.jracoon.ike.policy.RemotePolicy;
import org.jracoon.ike.policy.Timers;
import org.jracoon.parser.conf.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** racoon.conf onto the engine's policies: the corpus's PSK configurations, ours, and the refusals. */
class ConfigMappingTest {

    static Path corpus(String name) {
        return Path.of(System.getProperty("jracoon.shared"), "corpus/racoon-samples", name);
    }

    static ConfigMapping.Mapped map(Path file) throws Exception {
        return ConfigMapping.map(ConfigLoader.load(file).config(), file.toString());
    }

    static String refusal(Path file) {
        return assertThrows(UnsupportedConfigException.class, () -> map(file)).getMessage();
    }

    @Test
    void upstreamPskSampleMapsWithItsUnsupportedAlgorithmsNamed() throws Exception {
        Path file = corpus("ipt082_racoon.conf.sample");
        ConfigMapping.Mapped mapped = map(file);
        RemotePolicy anonymous = new RemotePolicy(Optional.empty(), List.of(new Phase1Proposal(
                EncryptionAlgorithm.TRIPLE_DES_CBC, 0, HashAlgorithm.SHA1, AuthMethod.PRE_SHARED_KEY,
                ModpGroup.MODP_1024, 24 * 3600)), Identifier.address(), Optional.empty(), ProposalCheck.STRICT, 16,
                true, false, Timers.DEFAULT, NatTraversal.OFF, GeneratePolicy.OFF, Liveness.DEFAULT);
        assertEquals(List.of(anonymous), mapped.policies().remotes());
        assertEquals(List.of(new Phase2Policy(Optional.empty(), List.of(IpsecEncryption.TRIPLE_DES,
                IpsecEncryption.AES_128), List.of(IpsecAuthentication.HMAC_SHA1, IpsecAuthentication.HMAC_MD5),
                Optional.of(ModpGroup.MODP_1024), 12 * 3600)), mapped.policies().phase2());
        assertEquals(List.of(
                file + ": warning: remote anonymous: exchange_mode main,base: only main mode is accepted from peers",
                file + ": warning: sainfo anonymous anonymous: not offered or accepted, as not supported: cast128,"
                        + " blowfish, des"), mapped.warnings());
    }

    @Test
    void interopConfigsMapToTheirTunnel(@TempDir Path dir) throws Exception {
        for (String name : List.of("psk-3des", "psk-aes")) {
            Path conf = dir.resolve(name + ".conf");
            Files.writeString(conf, Files.readString(Path.of("src/test/resources/interop", name, "racoon.conf")));
            ConfigMapping.Mapped mapped = map(conf);
            RemotePolicy remote = mapped.policies().remotes().get(0);
            assertEquals(Optional.of(InetAddress.getByName("192.168.1.12")), remote.peer());
            assertEquals(28800, remote.proposals().get(0).lifetimeSeconds());
            Phase2Policy p2 = mapped.policies().phase2().get(0);
            assertEquals(Optional.of(TrafficSelector.between(
                    new IpPrefix(InetAddress.getByName("10.1.0.0"), 24),
                    new IpPrefix(InetAddress.getByName("10.2.0.0"), 24))), p2.selector());
            assertEquals(28800, p2.lifetimeSeconds());
            assertEquals(List.of(), mapped.warnings());
            assertEquals(name.equals("psk-3des") ? ModpGroup.MODP_768 : ModpGroup.MODP_1024, p2.pfsGroup().get());
        }
    }

    @Test
    void aggressiveModeIsRefusedNamingTheRemote() {
        Path file = corpus("ipt082_roadwarrior_client_racoon.conf");
        assertEquals(file + ": remote 192.0.2.50: exchange_mode aggressive: only main mode is negotiated",
                refusal(file));
    }

    @Test
    void gssapiIsRefusedNamingTheProposal() {
        Path file = corpus("ipt082_racoon.conf.sample-gssapi");
        assertEquals(file + ": remote anonymous: proposal: authentication_method gssapi_krb is not available;"
                + " only pre_shared_key and rsasig are", refusal(file));
    }

    @Test
    void rsaSignaturesNeedAnX509Certificate(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("racoon.conf");
        Files.writeString(file, """
                remote 10.0.0.2 {
                	exchange_mode main;
                	proposal { encryption_algorithm aes; hash_algorithm sha1; authentication_method rsasig; dh_group 2; }
                }
                """);
        assertEquals(file + ": remote 10.0.0.2: proposal: authentication_method rsasig needs certificate_type x509",
                refusal(file));
    }

    @Test
    void dpdRekeyAndScriptsMapOntoTheEngineAndTheDaemon(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("racoon.conf");
        Files.writeString(file, """
                path script "/etc/racoon/scripts";
                remote 10.0.0.2 {
                	exchange_mode main;
                	dpd_delay 3; dpd_retry 1; dpd_maxfail 4;
                	rekey force;
                	script "up.sh" phase1_up;
                	script "/usr/local/bin/dead" phase1_dead;
                	proposal { encryption_algorithm aes; hash_algorithm sha1; authentication_method pre_shared_key; dh_group 2; }
                }
                """);
        ConfigMapping.Mapped mapped = map(file);
        assertEquals(new Liveness(true, Duration.ofSeconds(3), Duration.ofSeconds(1), 4, Liveness.Rekey.FORCE),
                mapped.policies().remotes().get(0).liveness());
        InetAddress peer = InetAddress.getByName("10.0.0.2");
        assertEquals(Optional.of(Path.of("/etc/racoon/scripts/up.sh")),
                mapped.scripts().script(peer, ScriptHooks.Hook.PHASE1_UP));
        assertEquals(Optional.of(Path.of("/usr/local/bin/dead")),
                mapped.scripts().script(peer, ScriptHooks.Hook.PHASE1_DEAD));
        assertEquals(Optional.empty(), mapped.scripts().script(peer, ScriptHooks.Hook.PHASE1_DOWN));
        assertEquals(Optional.empty(), mapped.scripts().script(InetAddress.getByName("10.0.0.3"),
                ScriptHooks.Hook.PHASE1_UP), "no remote anonymous");
        assertEquals(List.of(), mapped.warnings());
    }

    @Test
    void certificateRemoteCarriesItsFilesAndDns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("racoon.conf");
        Files.writeString(file, """
                remote 192.168.1.12 {
                	exchange_mode main;
                	certificate_type x509 "moon.pem" "moon.key";
                	my_identifier asn1dn;
                	peers_identifier asn1dn "C=CH, O=IKEv1 Test, CN=sun.test";
                	verify_identifier on;
                	proposal { encryption_algorithm 3des; hash_algorithm sha1; authentication_method rsasig; dh_group 2; }
                }
                """);
        ConfigMapping.Mapped mapped = map(file);
        RemotePolicy policy = mapped.policies().remotes().get(0);
        assertEquals(AuthMethod.RSA_SIGNATURE, policy.proposals().get(0).authMethod());
        assertEquals(List.of(new ConfigMapping.CertificateRemote(policy, "moon.pem", "moon.key", Optional.empty(), true,
                Optional.empty(), Optional.of("C=CH, O=IKEv1 Test, CN=sun.test"), true, true)),
                mapped.certificateRemotes());
    }

    @Test
    void roamingGatewayAndLaptopSettings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("racoon.conf");
        Files.writeString(file, """
                timer { natt_keepalive 15 sec; }
                remote anonymous {
                	exchange_mode main;
                	passive on;
                	generate_policy on;
                	nat_traversal on;
                	proposal { encryption_algorithm aes; hash_algorithm sha1; authentication_method pre_shared_key; dh_group 2; }
                }
                remote 192.0.2.1 {
                	exchange_mode main;
                	generate_policy unique;
                	nat_traversal force;
                	dpd_delay 30;
                	proposal { encryption_algorithm aes; hash_algorithm sha1; authentication_method pre_shared_key; dh_group 2; }
                }
                """);
        ConfigMapping.Mapped mapped = map(file);
        RemotePolicy gateway = mapped.policies().remotes().get(0);
        assertEquals(true, gateway.passive());
        assertEquals(GeneratePolicy.REQUIRE, gateway.generatePolicy());
        assertEquals(NatTraversal.ON, gateway.natTraversal());
        assertEquals(Liveness.DEFAULT, gateway.liveness());
        assertEquals(Duration.ofSeconds(15), gateway.timers().nattKeepalive());
        RemotePolicy other = mapped.policies().remotes().get(1);
        assertEquals(false, other.passive());
        assertEquals(GeneratePolicy.UNIQUE, other.generatePolicy());
        assertEquals(NatTraversal.FORCE, other.natTraversal());
        assertEquals(new Liveness(true, Duration.ofSeconds(30), Duration.ofSeconds(5), 5, Liveness.Rekey.ON),
                other.liveness());
        assertEquals(List.of(), mapped.warnings());
    }

    @Test
    void sainfoWithNoSupportedCipherIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("racoon.conf");
        Files.writeString(file, """
                sainfo address 10.0.0.1 any address 10.0.0.2 any {
                	encryption_algorithm blowfish, cast128;
                	authentication_algorithm hmac_sha1;
                	compression_algorithm deflate;
                }
                """);
        assertEquals(file + ": sainfo 10.0.0.1/32 10.0.0.2/32: encryption_algorithm: none of blowfish, cast128 is"
                + " supported (3des, aes are)", refusal(file));
    }
}
