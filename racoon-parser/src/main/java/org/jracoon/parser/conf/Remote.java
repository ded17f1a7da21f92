package org.jracoon.parser.conf;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code remote} section: how phase 1 is negotiated with one peer (or any peer, for
 * {@code anonymous}). Values are effective: {@code inherit} is resolved and racoon's code
 * defaults (newrmconf() in remoteconf.c) fill whatever the file leaves out.
 */
public record Remote(
        Selector selector,
        Optional<Endpoint> remoteAddress,
        List<ExchangeMode> exchangeModes,
        Identifier myIdentifier,
        List<Identifier> peersIdentifiers,
        boolean verifyIdentifier,
        Optional<Certificate> certificate,
        Optional<String> caCertFile,
        Optional<PeersCertificate> peersCertificate,
        boolean verifyCert,
        boolean sendCert,
        boolean sendCr,
        boolean matchEmptyCr,
        long lifetimeSeconds,
        List<Proposal> proposals,
        boolean passive,
        GeneratePolicy generatePolicy,
        Level natTraversal,
        boolean initialContact,
        ProposalCheck proposalCheck,
        int nonceSize,
        Dpd dpd,
        Level rekey,
        Level ikeFragmentation,
        int espFragment,
        boolean modeCfg,
        boolean supportProxy,
        boolean weakPhase1Check,
        int ph1id,
        Optional<String> xauthLogin,
        Map<ScriptEvent, String> scripts) {

    public Remote {
        exchangeModes = List.copyOf(exchangeModes);
        peersIdentifiers = List.copyOf(peersIdentifiers);
        proposals = List.copyOf(proposals);
        scripts = Map.copyOf(scripts);
    }

    public static final long DEFAULT_LIFETIME_SECONDS = 28800;
    public static final int DEFAULT_NONCE_SIZE = 16;
    /** IP_MAXPACKET: esp_frag's default, i.e. no ESP fragmentation by the kernel. */
    public static final int DEFAULT_ESP_FRAGMENT = 65535;

    /** Which peers the section is for. */
    public sealed interface Selector {
        /** {@code remote anonymous [port]}: any peer. */
        record Anonymous(int port) implements Selector {
        }

        /** {@code remote ADDR [port]}: the peer at that address. */
        record Address(Endpoint endpoint) implements Selector {
        }

        /** {@code remote "name"}: selected by name (racoonctl, inherit) and by {@code remote_address}. */
        record Named(String name) implements Selector {
        }
    }

    public enum ExchangeMode implements Keyword {
        MAIN, AGGRESSIVE, BASE
    }

    /** {@code certificate_type x509 "cert" "key"} or {@code certificate_type plain_rsa "key"}. */
    public sealed interface Certificate {
        record X509(String certFile, String privateKeyFile) implements Certificate {
        }

        record PlainRsa(String privateKeyFile) implements Certificate {
        }
    }

    /** {@code peers_certfile}: use this peer certificate instead of the one received. */
    public sealed interface PeersCertificate {
        record X509(String file) implements PeersCertificate {
        }

        /** Public keys in plainrsa-gen(8) format; racoon accepts several (one per line). */
        record PlainRsa(List<String> files) implements PeersCertificate {
            public PlainRsa {
                files = List.copyOf(files);
            }
        }

        record Dnssec() implements PeersCertificate {
        }
    }

    /** generate_policy: {@code on} is the same as {@code require} (GENERATE_POLICY_REQUIRE). */
    public enum GeneratePolicy implements Keyword {
        OFF, REQUIRE, UNIQUE
    }

    /** The on/off/force switches: nat_traversal, rekey, ike_frag. */
    public enum Level implements Keyword {
        OFF, ON, FORCE
    }

    /** How a responder judges the initiator's lifetime and PFS group (racoon.conf(5) proposal_check). */
    public enum ProposalCheck implements Keyword {
        OBEY, STRICT, CLAIM, EXACT
    }

    /** Dead peer detection (RFC 3706): vendor ID sent when enabled; probing only when delay > 0. */
    public record Dpd(boolean enabled, int delaySeconds, int retrySeconds, int maxFailures) {
        public static final Dpd DEFAULT = new Dpd(true, 0, 5, 5);
    }

    public enum ScriptEvent implements Keyword {
        PHASE1_UP, PHASE1_DOWN, PHASE1_DEAD
    }

    /** How the section names itself in messages: {@code anonymous}, an address or a quoted name. */
    public String label() {
        if (selector instanceof Selector.Anonymous a) {
            return a.port() == Endpoint.IKE_PORT ? "anonymous" : "anonymous [" + a.port() + "]";
        }
        if (selector instanceof Selector.Address a) {
            return a.endpoint().port() == Endpoint.IKE_PORT ? a.endpoint().address().toString() : a.endpoint().toString();
        }
        return "\"" + ((Selector.Named) selector).name() + "\"";
    }
}
