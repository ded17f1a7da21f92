package org.jracoon.xfrm;

import org.jracoon.ike.kernel.IpPrefix;
import org.jracoon.ike.kernel.IpsecLevel;
import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.IpsecRequest;
import org.jracoon.ike.kernel.KernelPolicy;
import org.jracoon.ike.kernel.KernelSa;
import org.jracoon.ike.kernel.KeyMaterial;
import org.jracoon.ike.kernel.Lifetime;
import org.jracoon.ike.kernel.PolicyAction;
import org.jracoon.ike.kernel.PolicyDirection;
import org.jracoon.ike.kernel.PolicySpec;
import org.jracoon.ike.kernel.SaCompression;
import org.jracoon.ike.kernel.SaEncryption;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.kernel.SaIntegrity;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.SaState;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.kernel.UdpEncapsulation;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Translates between the kernel vocabulary of ike-core and XFRM messages: algorithms by their
 * Linux crypto names, SAs, policies with their templates, selectors.
 */
public final class XfrmMapping {
    private XfrmMapping() {
    }

    /** A Linux crypto name and, for integrity and combined modes, the ICV length in bits. */
    record Algorithm(String name, int icvBits) {
    }

    private static final Map<SaEncryption, Algorithm> CIPHERS = Map.ofEntries(
            Map.entry(SaEncryption.NULL, new Algorithm("ecb(cipher_null)", 0)),
            Map.entry(SaEncryption.DES_CBC, new Algorithm("cbc(des)", 0)),
            Map.entry(SaEncryption.DES3_CBC, new Algorithm("cbc(des3_ede)", 0)),
            Map.entry(SaEncryption.CAST128_CBC, new Algorithm("cbc(cast5)", 0)),
            Map.entry(SaEncryption.BLOWFISH_CBC, new Algorithm("cbc(blowfish)", 0)),
            Map.entry(SaEncryption.AES_CBC, new Algorithm("cbc(aes)", 0)),
            Map.entry(SaEncryption.AES_CTR, new Algorithm("rfc3686(ctr(aes))", 0)),
            Map.entry(SaEncryption.CAMELLIA_CBC, new Algorithm("cbc(camellia)", 0)),
            Map.entry(SaEncryption.SERPENT_CBC, new Algorithm("cbc(serpent)", 0)),
            Map.entry(SaEncryption.TWOFISH_CBC, new Algorithm("cbc(twofish)", 0)),
            // Combined modes (RFC 4106, 4309, 4543): the ICV length is part of the transform.
            Map.entry(SaEncryption.AES_GCM_8, new Algorithm("rfc4106(gcm(aes))", 64)),
            Map.entry(SaEncryption.AES_GCM_12, new Algorithm("rfc4106(gcm(aes))", 96)),
            Map.entry(SaEncryption.AES_GCM_16, new Algorithm("rfc4106(gcm(aes))", 128)),
            Map.entry(SaEncryption.AES_CCM_8, new Algorithm("rfc4309(ccm(aes))", 64)),
            Map.entry(SaEncryption.AES_CCM_12, new Algorithm("rfc4309(ccm(aes))", 96)),
            Map.entry(SaEncryption.AES_CCM_16, new Algorithm("rfc4309(ccm(aes))", 128)),
            Map.entry(SaEncryption.NULL_AES_GMAC, new Algorithm("rfc4543(gcm(aes))", 128)));
    /**
     * HMAC-MD5 and -SHA1 are truncated to 96 bits (RFC 2403, 2404), the SHA-2 HMACs to half their
     * output (RFC 4868 section 2.3); PF_KEY cannot say so and Linux gives SHA-256 96 bits there.
     */
    private static final Map<SaIntegrity, Algorithm> INTEGRITY = Map.of(
            SaIntegrity.NULL, new Algorithm("digest_null", 0),
            SaIntegrity.HMAC_MD5, new Algorithm("hmac(md5)", 96),
            SaIntegrity.HMAC_SHA1, new Algorithm("hmac(sha1)", 96),
            SaIntegrity.HMAC_SHA2_256, new Algorithm("hmac(sha256)", 128),
            SaIntegrity.HMAC_SHA2_384, new Algorithm("hmac(sha384)", 192),
            SaIntegrity.HMAC_SHA2_512, new Algorithm("hmac(sha512)", 256),
            SaIntegrity.HMAC_RIPEMD160, new Algorithm("hmac(rmd160)", 96),
            SaIntegrity.AES_XCBC_MAC, new Algorithm("xcbc(aes)", 96));
    private static final Map<SaCompression, String> COMPRESSION = Map.of(
            SaCompression.DEFLATE, "deflate", SaCompression.LZS, "lzs", SaCompression.LZJH, "lzjh");
    private static final Map<Algorithm, SaEncryption> CIPHERS_BACK = invert(CIPHERS);
    private static final Map<String, SaIntegrity> INTEGRITY_BACK = INTEGRITY.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(e -> e.getValue().name(), Map.Entry::getKey));
    private static final Map<String, SaCompression> COMPRESSION_BACK = invert(COMPRESSION);
    /** Up to this many packets the fixed 32-bit bitmap of xfrm_usersa_info holds the replay window. */
    private static final int LEGACY_REPLAY_BITS = 32;

    private static <K, V> Map<V, K> invert(Map<K, V> map) {
        return map.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));
    }

    static Optional<IpsecProtocol> protocolOfIp(int ipProtocol) {
        return Arrays.stream(IpsecProtocol.values()).filter(p -> p.ipProtocol() == ipProtocol).findFirst();
    }

    static int mode(IpsecMode mode) {
        return mode == IpsecMode.TUNNEL ? Xfrm.MODE_TUNNEL : Xfrm.MODE_TRANSPORT;
    }

    static IpsecMode mode(int mode) throws NetlinkDecodeException {
        return switch (mode) {
            case Xfrm.MODE_TRANSPORT -> IpsecMode.TRANSPORT;
            case Xfrm.MODE_TUNNEL -> IpsecMode.TUNNEL;
            default -> throw new NetlinkDecodeException("XFRM mode " + mode);
        };
    }

    static int direction(PolicyDirection direction) {
        return switch (direction) {
            case IN -> Xfrm.POLICY_IN;
            case OUT -> Xfrm.POLICY_OUT;
            case FWD -> Xfrm.POLICY_FWD;
        };
    }

    // ---- SAs

    /** The body of NEWSA and UPDSA: {@code xfrm_usersa_info} and the transforms as attributes. */
    static byte[] saBody(SaSpec sa) {
        SaId id = sa.id();
        boolean esnReplay = sa.replayWindow() > LEGACY_REPLAY_BITS;
        XfrmSaInfo info = new XfrmSaInfo(emptySelector(id.source()), id.destination(), id.spi(),
                id.protocol().ipProtocol(), id.source(), new XfrmLifetimes(sa.soft(), sa.hard()), Lifetime.NONE, 0,
                sa.reqid(), XfrmWire.family(id.source()), mode(sa.mode()), esnReplay ? 0 : sa.replayWindow(), 0);
        List<NetlinkAttribute> attributes = new ArrayList<>();
        if (sa.encryption() != SaEncryption.NONE) {
            Algorithm cipher = known(CIPHERS.get(sa.encryption()), sa.encryption());
            boolean aead = cipher.icvBits() != 0;
            attributes.add(new NetlinkAttribute(aead ? Xfrm.XFRMA_ALG_AEAD : Xfrm.XFRMA_ALG_CRYPT,
                    new XfrmAlgorithm(cipher.name(), sa.encryptionKey(), cipher.icvBits()).encode(aead)));
        }
        if (sa.integrity() != SaIntegrity.NONE) {
            Algorithm auth = known(INTEGRITY.get(sa.integrity()), sa.integrity());
            attributes.add(new NetlinkAttribute(Xfrm.XFRMA_ALG_AUTH_TRUNC,
                    new XfrmAlgorithm(auth.name(), sa.integrityKey(), auth.icvBits()).encode(true)));
        }
        if (sa.compression() != SaCompression.NONE) {
            String name = known(COMPRESSION.get(sa.compression()), sa.compression());
            attributes.add(new NetlinkAttribute(Xfrm.XFRMA_ALG_COMP, new XfrmAlgorithm(name, KeyMaterial.NONE, 0).encode(false)));
        }
        sa.encapsulation().ifPresent(e -> attributes.add(new NetlinkAttribute(Xfrm.XFRMA_ENCAP, encap(e, id.source()))));
        if (esnReplay) {
            attributes.add(new NetlinkAttribute(Xfrm.XFRMA_REPLAY_ESN_VAL, replayState(sa.replayWindow())));
        }
        return body(info.encode(), attributes);
    }

    /** The Linux crypto name of an algorithm, or its own name when XFRM has none for it. */
    static String linuxName(SaEncryption e) {
        return CIPHERS.containsKey(e) ? CIPHERS.get(e).name() : e.toString();
    }

    static String linuxName(SaIntegrity i) {
        return INTEGRITY.containsKey(i) ? INTEGRITY.get(i).name() : i.toString();
    }

    static String linuxName(SaCompression c) {
        return COMPRESSION.getOrDefault(c, c.toString());
    }

    private static <T> T known(T value, Enum<?> algorithm) {
        if (value == null) {
            throw new IllegalArgumentException(algorithm + " has no Linux XFRM algorithm");
        }
        return value;
    }

    /** SAs carry a selector of their family only: the policy decides which traffic uses them. */
    private static XfrmSelector emptySelector(InetAddress ofFamily) {
        int family = XfrmWire.family(ofFamily);
        InetAddress zero = zero(ofFamily);
        return new XfrmSelector(family, zero, 0, 0, zero, 0, 0, 0);
    }

    private static InetAddress zero(InetAddress ofFamily) {
        return XfrmWire.zero(ofFamily.getAddress().length);
    }

    /** {@code struct xfrm_encap_tmpl}: type, ports (network order), padding, the NAT-OA (zero: none). */
    private static byte[] encap(UdpEncapsulation e, InetAddress ofFamily) {
        ByteBuffer b = XfrmWire.buffer(Xfrm.SIZEOF_ENCAP_TMPL);
        b.putShort((short) (e.type() == UdpEncapsulation.Type.ESP_IN_UDP ? Xfrm.UDP_ENCAP_ESPINUDP : Xfrm.UDP_ENCAP_ESPINUDP_NON_IKE));
        XfrmWire.putNet16(b, e.sourcePort());
        XfrmWire.putNet16(b, e.destinationPort());
        b.putShort((short) 0);
        XfrmWire.putAddress(b, e.originalAddress().orElse(zero(ofFamily)));
        return b.array();
    }

    private static UdpEncapsulation encap(ByteBuffer b, int family) throws NetlinkDecodeException {
        ByteBuffer e = XfrmWire.slice(b, Xfrm.SIZEOF_ENCAP_TMPL, "xfrm_encap_tmpl");
        int type = XfrmWire.u16(e);
        int sport = XfrmWire.getNet16(e);
        int dport = XfrmWire.getNet16(e);
        XfrmWire.skip(e, 2);
        InetAddress oa = XfrmWire.getAddress(e, family);
        try {
            return new UdpEncapsulation(type == Xfrm.UDP_ENCAP_ESPINUDP_NON_IKE
                    ? UdpEncapsulation.Type.ESP_IN_UDP_NON_IKE : UdpEncapsulation.Type.ESP_IN_UDP, sport, dport,
                    oa.isAnyLocalAddress() ? Optional.empty() : Optional.of(oa));
        } catch (IllegalArgumentException x) {
            throw new NetlinkDecodeException("XFRMA_ENCAP: " + x.getMessage());
        }
    }

    /**
     * {@code struct xfrm_replay_state_esn} for windows beyond 32 packets: bmp_len (32-bit words),
     * oseq, seq, oseq_hi, seq_hi, replay_window, then the bitmap. Without the ESN flag the kernel
     * keeps 32-bit sequence numbers and only uses the larger bitmap.
     */
    private static byte[] replayState(int window) {
        int words = (window + 31) / 32;
        ByteBuffer b = XfrmWire.buffer(24 + 4 * words);
        b.putInt(words).putInt(0).putInt(0).putInt(0).putInt(0).putInt(window);
        return b.array();
    }

    static byte[] body(byte[] fixed, List<NetlinkAttribute> attributes) {
        ByteBuffer b = XfrmWire.buffer(NetlinkMessage.align(fixed.length) + NetlinkAttribute.encodedLength(attributes));
        b.put(fixed).position(NetlinkMessage.align(fixed.length));
        NetlinkAttribute.encodeAll(b, attributes);
        return b.array();
    }

    /** {@code struct xfrm_usersa_id}: daddr, spi (network order), family, proto: what GETSA and DELSA find an SA by. */
    static byte[] saIdBody(SaId id) {
        ByteBuffer b = XfrmWire.buffer(Xfrm.SIZEOF_USERSA_ID);
        XfrmWire.putAddress(b, id.destination());
        XfrmWire.putNet32(b, id.spi());
        b.putShort((short) XfrmWire.family(id.destination())).put((byte) id.protocol().ipProtocol());
        return b.array();
    }

    /** {@code struct xfrm_userspi_info}: the SA to reserve and the SPI range, in host order. */
    static byte[] allocSpiBody(IpsecProtocol protocol, InetAddress source, InetAddress destination, IpsecMode mode,
                               int reqid, int minSpi, int maxSpi, int sequence) {
        XfrmSaInfo info = new XfrmSaInfo(emptySelector(source), destination, 0, protocol.ipProtocol(), source,
                XfrmLifetimes.NONE, Lifetime.NONE, sequence, reqid, XfrmWire.family(source), mode(mode), 0, 0);
        ByteBuffer b = XfrmWire.buffer(Xfrm.SIZEOF_USERSA_INFO + 8);
        info.encode(b);
        return b.putInt(minSpi).putInt(maxSpi).array();
    }

    /** The body of a FLUSHSA: {@code struct xfrm_usersa_flush}, the protocol (0: all of them). */
    static byte[] flushBody(int ipProtocol) {
        return new byte[] {(byte) ipProtocol};
    }

    static SaId saId(XfrmSaInfo info) throws NetlinkDecodeException {
        IpsecProtocol protocol = protocolOfIp(info.protocol())
                .orElseThrow(() -> new NetlinkDecodeException("SA of IP protocol " + info.protocol()));
        try {
            return new SaId(protocol, info.source(), info.destination(), info.spi());
        } catch (IllegalArgumentException e) {
            throw new NetlinkDecodeException("kernel SA: " + e.getMessage());
        }
    }

    /**
     * The SA of a NEWSA body (GETSA, ALLOCSPI, dump). XFRM does not report PF_KEY's states:
     * an SA without transforms is the LARVAL one ALLOCSPI reserved; one past a soft limit at
     * {@code nowSeconds} is DYING, as the kernel marks it then.
     */
    static KernelSa kernelSa(ByteBuffer body, long nowSeconds) throws NetlinkDecodeException {
        XfrmSaInfo info = XfrmSaInfo.decode(body);
        List<NetlinkAttribute> attributes = attributesAfter(body, Xfrm.SIZEOF_USERSA_INFO);
        SaId id = saId(info);
        SaSpec.Builder b = SaSpec.builder(id).mode(mode(info.mode())).reqid(info.reqid())
                .soft(info.lifetimes().soft()).hard(info.lifetimes().hard());
        int window = info.replayWindow();
        Optional<NetlinkAttribute> esn = NetlinkAttribute.find(attributes, Xfrm.XFRMA_REPLAY_ESN_VAL);
        if (esn.isPresent()) {
            ByteBuffer r = esn.get().valueBuffer();
            NetlinkDecodeException.require(r, 24, "xfrm_replay_state_esn");
            window = r.getInt(20);
        }
        b.replayWindow(Math.min(window, 255));
        boolean transforms = false;
        for (NetlinkAttribute a : attributes) {
            switch (a.type()) {
                case Xfrm.XFRMA_ALG_CRYPT -> {
                    XfrmAlgorithm alg = XfrmAlgorithm.decode(a.valueBuffer(), false);
                    b.encryption(known(CIPHERS_BACK.get(new Algorithm(alg.name(), 0)), alg), alg.key());
                    transforms = true;
                }
                case Xfrm.XFRMA_ALG_AEAD -> {
                    XfrmAlgorithm alg = XfrmAlgorithm.decode(a.valueBuffer(), true);
                    b.encryption(known(CIPHERS_BACK.get(new Algorithm(alg.name(), alg.icvBits())), alg), alg.key());
                    transforms = true;
                }
                case Xfrm.XFRMA_ALG_AUTH_TRUNC -> {
                    XfrmAlgorithm alg = XfrmAlgorithm.decode(a.valueBuffer(), true);
                    b.integrity(known(INTEGRITY_BACK.get(alg.name()), alg), alg.key());
                    transforms = true;
                }
                case Xfrm.XFRMA_ALG_COMP -> {
                    XfrmAlgorithm alg = XfrmAlgorithm.decode(a.valueBuffer(), false);
                    b.compression(known(COMPRESSION_BACK.get(alg.name()), alg));
                    transforms = true;
                }
                case Xfrm.XFRMA_ENCAP -> b.encapsulation(encap(a.valueBuffer(), info.family()));
                default -> {
                    // XFRMA_ALG_AUTH repeats XFRMA_ALG_AUTH_TRUNC without the truncation; others do not map.
                }
            }
        }
        SaState state = !transforms ? SaState.LARVAL
                : pastSoftLimit(info.lifetimes().soft(), info.current(), nowSeconds) ? SaState.DYING : SaState.MATURE;
        try {
            return new KernelSa(b.build(), state, info.current());
        } catch (IllegalArgumentException e) {
            throw new NetlinkDecodeException("kernel SA " + id + " does not fit: " + e.getMessage());
        }
    }

    private static <T> T known(T value, XfrmAlgorithm alg) throws NetlinkDecodeException {
        if (value == null) {
            throw new NetlinkDecodeException("kernel SA uses algorithm " + alg.name()
                    + (alg.icvBits() != 0 ? " with a " + alg.icvBits() + "-bit ICV" : "") + ", unknown here");
        }
        return value;
    }

    private static boolean pastSoftLimit(Lifetime soft, Lifetime current, long now) {
        return (soft.addSeconds() != 0 && current.addSeconds() + soft.addSeconds() <= now)
                || (soft.useSeconds() != 0 && current.useSeconds() != 0 && current.useSeconds() + soft.useSeconds() <= now)
                || (soft.bytes() != 0 && current.bytes() >= soft.bytes())
                || (soft.allocations() != 0 && current.allocations() >= soft.allocations());
    }

    static List<NetlinkAttribute> attributesAfter(ByteBuffer body, int fixedLength) throws NetlinkDecodeException {
        ByteBuffer rest = body.duplicate().order(body.order());
        rest.position(Math.min(rest.limit(), NetlinkMessage.align(fixedLength)));
        return NetlinkAttribute.decodeAll(rest.slice().order(body.order()));
    }

    // ---- policies

    static XfrmSelector selector(TrafficSelector s) {
        return new XfrmSelector(XfrmWire.family(s.source().address()), s.destination().address(), s.destination().length(),
                s.destinationPort(), s.source().address(), s.source().length(), s.sourcePort(),
                // XFRM says "any protocol" with 0, PF_KEY with 255.
                s.upperProtocol() == TrafficSelector.ANY_PROTOCOL ? 0 : s.upperProtocol());
    }

    static TrafficSelector trafficSelector(XfrmSelector s) throws NetlinkDecodeException {
        try {
            return new TrafficSelector(new IpPrefix(s.source(), s.sourcePrefix()), s.sourcePort(),
                    new IpPrefix(s.destination(), s.destinationPrefix()), s.destinationPort(),
                    s.protocol() == 0 ? TrafficSelector.ANY_PROTOCOL : s.protocol());
        } catch (IllegalArgumentException e) {
            throw new NetlinkDecodeException("kernel selector: " + e.getMessage());
        }
    }

    /** The body of NEWPOLICY and UPDPOLICY: {@code xfrm_userpolicy_info} and the templates. */
    static byte[] policyBody(PolicySpec p) {
        XfrmSelector selector = selector(p.selector());
        XfrmPolicyInfo info = new XfrmPolicyInfo(selector, p.hard(), p.priority(), 0, direction(p.direction()),
                p.action() == PolicyAction.DISCARD ? Xfrm.POLICY_BLOCK : Xfrm.POLICY_ALLOW);
        List<NetlinkAttribute> attributes = p.requests().isEmpty() ? List.of()
                : List.of(new NetlinkAttribute(Xfrm.XFRMA_TMPL, XfrmTemplate.encodeAll(
                        p.requests().stream().map(r -> template(r, p.selector())).toList())));
        return body(info.encode(), attributes);
    }

    /**
     * An ipsec request as a template: tunnel endpoints or, in transport mode, none (the
     * selector's family); level "use" is an optional template; a reqid binds it to SAs with the same.
     */
    private static XfrmTemplate template(IpsecRequest r, TrafficSelector selector) {
        InetAddress family = r.tunnelSource().orElse(selector.source().address());
        InetAddress zero = zero(family);
        return new XfrmTemplate(r.tunnelDestination().orElse(zero), r.protocol().ipProtocol(), XfrmWire.family(family),
                r.tunnelSource().orElse(zero), r.reqid(), mode(r.mode()), r.level() == IpsecLevel.USE);
    }

    /**
     * A template as PF_KEY's Linux side reports it: optional is "use", a reqid makes it "unique",
     * else "require".
     */
    private static IpsecRequest request(XfrmTemplate t) throws NetlinkDecodeException {
        IpsecProtocol protocol = protocolOfIp(t.protocol())
                .orElseThrow(() -> new NetlinkDecodeException("template of IP protocol " + t.protocol()));
        IpsecMode mode = mode(t.mode());
        IpsecLevel level = t.optional() ? IpsecLevel.USE : t.reqid() != 0 ? IpsecLevel.UNIQUE : IpsecLevel.REQUIRE;
        boolean endpoints = mode == IpsecMode.TUNNEL;
        return new IpsecRequest(protocol, mode, endpoints ? Optional.of(t.source()) : Optional.empty(),
                endpoints ? Optional.of(t.destination()) : Optional.empty(), level, t.reqid());
    }

    /** {@code struct xfrm_userpolicy_id}: selector, index, direction: what GETPOLICY and DELPOLICY find a policy by. */
    static byte[] policyIdBody(XfrmSelector selector, int index, int direction) {
        ByteBuffer b = XfrmWire.buffer(Xfrm.SIZEOF_USERPOLICY_ID);
        selector.encode(b);
        b.putInt(index).put((byte) direction);
        return b.array();
    }

    /** The policy of a NEWPOLICY body, or empty for a per-socket policy (not an SPD entry). */
    static Optional<KernelPolicy> kernelPolicy(ByteBuffer body) throws NetlinkDecodeException {
        XfrmPolicyInfo info = XfrmPolicyInfo.decode(body);
        return kernelPolicy(info, attributesAfter(body, Xfrm.SIZEOF_USERPOLICY_INFO));
    }

    static Optional<KernelPolicy> kernelPolicy(XfrmPolicyInfo info, List<NetlinkAttribute> attributes)
            throws NetlinkDecodeException {
        PolicyDirection direction = switch (info.direction()) {
            case Xfrm.POLICY_IN -> PolicyDirection.IN;
            case Xfrm.POLICY_OUT -> PolicyDirection.OUT;
            case Xfrm.POLICY_FWD -> PolicyDirection.FWD;
            default -> null;
        };
        if (direction == null) {
            return Optional.empty();
        }
        List<IpsecRequest> requests = new ArrayList<>();
        Optional<NetlinkAttribute> tmpl = NetlinkAttribute.find(attributes, Xfrm.XFRMA_TMPL);
        if (tmpl.isPresent()) {
            for (XfrmTemplate t : XfrmTemplate.decodeAll(tmpl.get().valueBuffer())) {
                requests.add(request(t));
            }
        }
        PolicyAction action = switch (info.action()) {
            case Xfrm.POLICY_BLOCK -> PolicyAction.DISCARD;
            case Xfrm.POLICY_ALLOW -> requests.isEmpty() ? PolicyAction.NONE : PolicyAction.IPSEC;
            default -> throw new NetlinkDecodeException("policy action " + info.action());
        };
        try {
            return Optional.of(new KernelPolicy(info.index(), new PolicySpec(trafficSelector(info.selector()), direction,
                    action, action == PolicyAction.IPSEC ? requests : List.of(), info.priority(), info.hard())));
        } catch (IllegalArgumentException e) {
            throw new NetlinkDecodeException("kernel policy " + info.index() + " does not fit: " + e.getMessage());
        }
    }
}
