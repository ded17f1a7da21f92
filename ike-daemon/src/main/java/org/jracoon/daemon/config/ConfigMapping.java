package org.jracoon.daemon.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jracoon.daemon.runtime.ScriptHooks;
import org.jracoon.ike.crypto.EncryptionAlgorithm;
import org.jracoon.ike.crypto.HashAlgorithm;
import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.keymat.Padding;
import org.jracoon.ike.policy.AuthMethod;
import org.jracoon.ike.policy.GeneratePolicy;
import org.jracoon.ike.policy.Identifier;
import org.jracoon.ike.policy.IpsecAuthentication;
import org.jracoon.ike.policy.IpsecEncryption;
import org.jracoon.ike.policy.Liveness;
import org.jracoon.ike.policy.NatTraversal;
import org.jracoon.ike.policy.Phase1Proposal;
import org.jracoon.ike.policy.Phase2Policy;
import org.jracoon.ike.policy.Policies;
import org.jracoon.ike.policy.ProposalCheck;
import org.jracoon.ike.policy.RemotePolicy;
import org.jracoon.ike.policy.Timers;
import org.jracoon.parser.conf.Algorithms;
import org.jracoon.parser.conf.Proposal;
import org.jracoon.parser.conf.RacoonConf;
import org.jracoon.parser.conf.Remote;
import org.jracoon.parser.conf.Sainfo;
import org.jracoon.parser.conf.SainfoId;

/**
 * Maps racoon.conf's model onto the engine's policies. What the engine cannot negotiate makes
 * the daemon refuse to start, with one line naming the file, the section and the statement:
 * running with a silently weakened configuration would be worse than not running. Statements
 * that only matter in situations the daemon never enters (IPComp without an SPD asking for it)
 * map to warnings.
 */
public final class ConfigMapping {

    /**
     * The engine's view of one configuration, what it ignores, and the certificate settings of
     * the remotes that authenticate with RSA signatures.
     */
    public record Mapped(Policies policies, Padding padding, List<CertificateRemote> certificateRemotes,
            ScriptHooks scripts, List<String> warnings) {
        public Mapped {
            certificateRemotes = List.copyOf(certificateRemotes);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * A remote with {@code certificate_type x509}: file names relative to {@code path certificate}.
     *
     * @param myDn {@code my_identifier asn1dn DN}; empty for the certificate's subject
     * @param peersDn {@code peers_identifier asn1dn DN}, when {@code verify_identifier} is on
     */
    public record CertificateRemote(RemotePolicy policy, String certificateFile, String privateKeyFile,
            Optional<String> caCertificateFile, boolean verifyCert, Optional<String> myDn, Optional<String> peersDn,
            boolean sendCert, boolean sendCr) {
    }

    private final String file;
    private final List<String> warnings = new ArrayList<>();
    private final List<CertificateRemote> certificateRemotes = new ArrayList<>();
    private final List<ScriptHooks.Remote> scriptRemotes = new ArrayList<>();
    /** {@code path script}, against which relative script names are resolved. */
    private final Optional<Path> scriptDirectory;

    private ConfigMapping(String file, Optional<Path> scriptDirectory) {
        this.file = file;
        this.scriptDirectory = scriptDirectory;
    }

    /**
     * @param file the configuration's name, for messages
     * @throws UnsupportedConfigException the first statement the daemon cannot honour
     */
    public static Mapped map(RacoonConf conf, String file) throws UnsupportedConfigException {
        ConfigMapping mapping = new ConfigMapping(file, conf.paths().script().map(Path::of));
        Timers timers = timers(conf.timers());
        List<RemotePolicy> remotes = new ArrayList<>();
        for (Remote remote : conf.remotes()) {
            mapping.remote(remote, timers).ifPresent(remotes::add);
        }
        List<Phase2Policy> phase2 = new ArrayList<>();
        for (Sainfo sainfo : conf.sainfos()) {
            phase2.add(mapping.sainfo(sainfo));
        }
        RacoonConf.Padding p = conf.padding();
        Padding padding = new Padding(p.randomize(), p.randomizeLength(), p.maximumLength(), p.strictCheck(),
                p.exclusiveTail());
        return new Mapped(new Policies(remotes, phase2), padding, mapping.certificateRemotes,
                new ScriptHooks(mapping.scriptRemotes), mapping.warnings);
    }

    private static Timers timers(RacoonConf.Timers t) {
        return new Timers(t.counter(), Duration.ofSeconds(t.intervalSeconds()), t.persend(),
                Duration.ofSeconds(t.phase1Seconds()), Duration.ofSeconds(t.phase2Seconds()),
                Duration.ofSeconds(t.nattKeepaliveSeconds()));
    }

    private static NatTraversal natTraversal(Remote.Level level) {
        return switch (level) {
            case OFF -> NatTraversal.OFF;
            case ON -> NatTraversal.ON;
            case FORCE -> NatTraversal.FORCE;
        };
    }

    private static GeneratePolicy generatePolicy(Remote.GeneratePolicy generate) {
        return switch (generate) {
            case OFF -> GeneratePolicy.OFF;
            case REQUIRE -> GeneratePolicy.REQUIRE;
            case UNIQUE -> GeneratePolicy.UNIQUE;
        };
    }

    private Optional<RemotePolicy> remote(Remote remote, Timers timers) throws UnsupportedConfigException {
        String where = "remote " + remote.label();
        Optional<InetAddress> peer;
        if (remote.selector() instanceof Remote.Selector.Address a) {
            peer = Optional.of(a.endpoint().address().address());
        } else if (remote.selector() instanceof Remote.Selector.Named) {
            if (remote.remoteAddress().isEmpty()) {
                // a named remote without remote_address only serves as a template for inherit
                return Optional.empty();
            }
            peer = Optional.of(remote.remoteAddress().get().address().address());
        } else {
            peer = Optional.empty();
        }
        if (!remote.exchangeModes().contains(Remote.ExchangeMode.MAIN)) {
            throw refuse(where, "exchange_mode " + modes(remote.exchangeModes())
                    + ": only main mode is negotiated");
        }
        if (remote.exchangeModes().get(0) != Remote.ExchangeMode.MAIN) {
            throw refuse(where, "exchange_mode " + modes(remote.exchangeModes())
                    + ": only main mode is negotiated, so it must come first");
        }
        if (remote.exchangeModes().size() > 1) {
            warn(where, "exchange_mode " + modes(remote.exchangeModes())
                    + ": only main mode is accepted from peers");
        }
        if (remote.modeCfg() || remote.xauthLogin().isPresent()) {
            throw refuse(where, "mode_cfg and xauth_login are not supported");
        }
        if (!remote.scripts().isEmpty()) {
            Map<ScriptHooks.Hook, Path> scripts = new EnumMap<>(ScriptHooks.Hook.class);
            remote.scripts().forEach((event, name) -> scripts.put(ScriptHooks.Hook.valueOf(event.name()),
                    scriptDirectory.map(d -> d.resolve(name)).orElse(Path.of(name))));
            scriptRemotes.add(new ScriptHooks.Remote(peer, scripts));
        }
        Optional<Remote.Certificate.X509> x509 = remote.certificate().filter(Remote.Certificate.X509.class::isInstance)
                .map(Remote.Certificate.X509.class::cast);
        if (remote.certificate().isPresent() && x509.isEmpty()) {
            throw refuse(where, "certificate_type plain_rsa is not supported");
        }
        if (remote.peersCertificate().isPresent()) {
            throw refuse(where, "peers_certfile is not supported");
        }
        List<Phase1Proposal> proposals = new ArrayList<>();
        for (Proposal p : remote.proposals()) {
            proposals.add(proposal(where, p, x509));
        }
        if (proposals.isEmpty()) {
            throw refuse(where, "no proposal { } section");
        }
        // asn1dn identities are the certificate authenticator's (CertificateRemote): the policy then
        // keeps racoon's defaults, which the authenticator's own ID payload and DN check override
        boolean myDn = remote.myIdentifier().type() == org.jracoon.parser.conf.Identifier.Type.ASN1DN;
        Identifier mine = myDn ? Identifier.address() : identifier(where, "my_identifier", remote.myIdentifier());
        Optional<Identifier> peers = Optional.empty();
        Optional<String> peersDn = Optional.empty();
        // racoon compares peers_identifier only with verify_identifier on (ipsec_doi.c ipsecdoi_checkid1)
        if (remote.verifyIdentifier() && !remote.peersIdentifiers().isEmpty()) {
            if (remote.peersIdentifiers().size() > 1) {
                throw refuse(where, "more than one peers_identifier is not supported");
            }
            org.jracoon.parser.conf.Identifier id = remote.peersIdentifiers().get(0);
            if (id.type() == org.jracoon.parser.conf.Identifier.Type.ASN1DN) {
                peersDn = Optional.of(id.value().orElseThrow(() -> refuse(where,
                        "peers_identifier asn1dn needs the DN to compare with")));
            } else {
                peers = Optional.of(identifier(where, "peers_identifier", id));
            }
        }
        if ((myDn || peersDn.isPresent()) && x509.isEmpty()) {
            throw refuse(where, "asn1dn identifiers need certificate_type x509");
        }
        int nonceSize = remote.nonceSize();
        if (nonceSize < 8 || nonceSize > 256) {
            throw refuse(where, "nonce_size " + nonceSize + ": RFC 2409 section 5 allows 8 to 256 bytes");
        }
        RemotePolicy policy = new RemotePolicy(peer, proposals, mine, peers, proposalCheck(remote.proposalCheck()),
                nonceSize, remote.initialContact(), remote.passive(), timers, natTraversal(remote.natTraversal()),
                generatePolicy(remote.generatePolicy()), liveness(remote));
        if (x509.isPresent()) {
            certificateRemotes.add(new CertificateRemote(policy, x509.get().certFile(), x509.get().privateKeyFile(),
                    remote.caCertFile(), remote.verifyCert(), myDn ? remote.myIdentifier().value() : Optional.empty(),
                    peersDn, remote.sendCert(), remote.sendCr()));
        }
        return Optional.of(policy);
    }

    private static Liveness liveness(Remote remote) {
        Remote.Dpd dpd = remote.dpd();
        Liveness.Rekey rekey = switch (remote.rekey()) {
            case OFF -> Liveness.Rekey.OFF;
            case ON -> Liveness.Rekey.ON;
            case FORCE -> Liveness.Rekey.FORCE;
        };
        return new Liveness(dpd.enabled(), Duration.ofSeconds(dpd.delaySeconds()),
                Duration.ofSeconds(dpd.retrySeconds()), dpd.maxFailures(), rekey);
    }

    private Phase1Proposal proposal(String where, Proposal p, Optional<Remote.Certificate.X509> x509)
            throws UnsupportedConfigException {
        String at = where + ": proposal";
        EncryptionAlgorithm cipher = switch (p.cipher()) {
            case TRIPLE_DES -> EncryptionAlgorithm.TRIPLE_DES_CBC;
            case AES -> EncryptionAlgorithm.AES_CBC;
            case BLOWFISH -> EncryptionAlgorithm.BLOWFISH_CBC;
            case CAST128 -> EncryptionAlgorithm.CAST_CBC;
            default -> throw refuse(at, "encryption_algorithm " + p.cipher().keyword() + " is not supported");
        };
        HashAlgorithm hash = switch (p.hash()) {
            case MD5 -> HashAlgorithm.MD5;
            case SHA1 -> HashAlgorithm.SHA1;
            case SHA256 -> HashAlgorithm.SHA2_256;
            case SHA384 -> HashAlgorithm.SHA2_384;
            case SHA512 -> HashAlgorithm.SHA2_512;
        };
        AuthMethod method = switch (p.authMethod()) {
            case PRE_SHARED_KEY -> AuthMethod.PRE_SHARED_KEY;
            case RSASIG -> {
                if (x509.isEmpty()) {
                    throw refuse(at, "authentication_method rsasig needs certificate_type x509");
                }
                yield AuthMethod.RSA_SIGNATURE;
            }
            default -> throw refuse(at, "authentication_method " + p.authMethod().keyword()
                    + " is not available; only pre_shared_key and rsasig are");
        };
        ModpGroup group = group(at, "dh_group", p.dhGroup());
        return new Phase1Proposal(cipher, p.keyLength(), hash, method, group, p.lifetimeSeconds());
    }

    private ModpGroup group(String where, String statement, Algorithms.DhGroup group)
            throws UnsupportedConfigException {
        return ModpGroup.fromId(group.number()).orElseThrow(() -> refuse(where,
                statement + " " + group.keyword() + " is not supported"));
    }

    private Identifier identifier(String where, String statement, org.jracoon.parser.conf.Identifier id)
            throws UnsupportedConfigException {
        return switch (id.type()) {
            case ADDRESS -> id.value().map(v -> new Identifier(Identifier.Kind.ADDRESS, v))
                    .orElse(Identifier.address());
            case FQDN -> Identifier.fqdn(id.value().orElseThrow());
            case USER_FQDN -> Identifier.userFqdn(id.value().orElseThrow());
            default -> throw refuse(where, statement + " " + id.type().keyword() + " is not supported");
        };
    }

    private static ProposalCheck proposalCheck(Remote.ProposalCheck check) {
        return switch (check) {
            case OBEY -> ProposalCheck.OBEY;
            case STRICT -> ProposalCheck.STRICT;
            case CLAIM -> ProposalCheck.CLAIM;
            case EXACT -> ProposalCheck.EXACT;
        };
    }

    private Phase2Policy sainfo(Sainfo sainfo) throws UnsupportedConfigException {
        String where = "sainfo " + side(sainfo.local()) + " " + side(sainfo.remote());
        Optional<TrafficSelector> selector;
        boolean localAny = sainfo.local() instanceof SainfoId.Anonymous;
        boolean remoteAny = sainfo.remote() instanceof SainfoId.Anonymous;
        if (localAny && remoteAny) {
            selector = Optional.empty();
        } else if (localAny || remoteAny) {
            throw refuse(where, "anonymous on one side only is not supported");
        } else {
            selector = Optional.of(selector(where, address(where, sainfo.local()), address(where, sainfo.remote())));
        }
        if (sainfo.from().isPresent() || sainfo.group().isPresent()) {
            throw refuse(where, "'from' and 'group' are not supported");
        }
        // compression_algorithm is ignored: racoon requires it in every sainfo but proposes IPComp only
        // when the SPD entry asks for it, and such ACQUIREs are refused (AcquireRequests)
        // racoon offers the cross product of the lists; algorithms the engine lacks are left out of
        // it, and only a list with nothing left stops the start
        List<IpsecEncryption> ciphers = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (Sainfo.Cipher c : sainfo.encryption()) {
            switch (c.algorithm()) {
                case TRIPLE_DES -> ciphers.add(IpsecEncryption.TRIPLE_DES);
                case AES -> ciphers.add(switch (c.keyLength()) {
                    case 192 -> IpsecEncryption.AES_192;
                    case 256 -> IpsecEncryption.AES_256;
                    default -> IpsecEncryption.AES_128;
                });
                default -> dropped.add(c.algorithm().keyword());
            }
        }
        List<IpsecAuthentication> integrity = new ArrayList<>();
        for (Algorithms.IpsecAuth a : sainfo.authentication()) {
            switch (a) {
                case HMAC_MD5 -> integrity.add(IpsecAuthentication.HMAC_MD5);
                case HMAC_SHA1 -> integrity.add(IpsecAuthentication.HMAC_SHA1);
                case HMAC_SHA256 -> integrity.add(IpsecAuthentication.HMAC_SHA2_256);
                default -> dropped.add(a.keyword());
            }
        }
        if (ciphers.isEmpty()) {
            throw refuse(where, "encryption_algorithm: none of " + keywords(sainfo.encryption().stream()
                    .map(c -> c.algorithm().keyword()).toList()) + " is supported (3des, aes are)");
        }
        if (integrity.isEmpty()) {
            throw refuse(where, "authentication_algorithm: none of " + keywords(sainfo.authentication().stream()
                    .map(Algorithms.IpsecAuth::keyword).toList()) + " is supported (hmac_md5, hmac_sha1, hmac_sha256 are)");
        }
        if (!dropped.isEmpty()) {
            warn(where, "not offered or accepted, as not supported: " + keywords(dropped));
        }
        Optional<ModpGroup> pfs = Optional.empty();
        if (sainfo.pfsGroup().isPresent()) {
            pfs = Optional.of(group(where, "pfs_group", sainfo.pfsGroup().get()));
        }
        return new Phase2Policy(selector, ciphers, integrity, pfs, sainfo.lifetimeSeconds());
    }

    private SainfoId.Address address(String where, SainfoId id) throws UnsupportedConfigException {
        if (id instanceof SainfoId.Address address) {
            return address;
        }
        throw refuse(where, "only address and subnet IDs are supported");
    }

    private TrafficSelector selector(String where, SainfoId.Address local, SainfoId.Address remote)
            throws UnsupportedConfigException {
        if (local.protocol() != remote.protocol()) {
            throw refuse(where, "the two IDs name different upper-layer protocols");
        }
        if (local.address().isIpv4() != remote.address().isIpv4()) {
            throw refuse(where, "the two IDs are of different address families");
        }
        return new TrafficSelector(new IpPrefix(local.address().address(), local.prefix()), local.port(),
                new IpPrefix(remote.address().address(), remote.prefix()), remote.port(), local.protocol());
    }

    private static String side(SainfoId id) {
        if (id instanceof SainfoId.Address a) {
            return a.address() + "/" + a.prefix();
        }
        if (id instanceof SainfoId.Range r) {
            return r.low() + "-" + r.high();
        }
        if (id instanceof SainfoId.Named n) {
            return n.type().keyword() + " " + n.value();
        }
        return id instanceof SainfoId.Anonymous ? "anonymous" : "clientaddr";
    }

    private static String keywords(List<String> words) {
        return String.join(", ", words);
    }

    private static String modes(List<Remote.ExchangeMode> modes) {
        return String.join(",", modes.stream().map(Remote.ExchangeMode::keyword).toList());
    }

    private UnsupportedConfigException refuse(String where, String what) {
        return new UnsupportedConfigException(file + ": " + where + ": " + what);
    }

    private void warn(String where, String what) {
        warnings.add(file + ": warning: " + where + ": " + what);
    }
}
