package org.jracoon.pfkey;

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
import org.jracoon.pfkey.message.AddressExtension;
import org.jracoon.pfkey.message.KeyExtension;
import org.jracoon.pfkey.message.LifetimeExtension;
import org.jracoon.pfkey.message.NatPortExtension;
import org.jracoon.pfkey.message.NatTypeExtension;
import org.jracoon.pfkey.message.PolicyExtension;
import org.jracoon.pfkey.message.Sa2Extension;
import org.jracoon.pfkey.message.SaExtension;
import org.jracoon.pfkey.message.Sadb;
import org.jracoon.pfkey.message.SadbExtension;
import org.jracoon.pfkey.message.SadbExtensionType;
import org.jracoon.pfkey.message.SadbMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.jracoon.pfkey.message.SadbExtensionType.ADDRESS_DST;
import static org.jracoon.pfkey.message.SadbExtensionType.ADDRESS_SRC;

/**
 * Translates between the kernel vocabulary of ike-core and SADB messages: codes both ways, the
 * extensions of an SA or a policy, and the SA or policy a kernel message describes.
 */
public final class SadbMapping {
    private SadbMapping() {
    }

    private static final Map<SaEncryption, Integer> EALG = Map.ofEntries(
            Map.entry(SaEncryption.NONE, Sadb.EALG_NONE), Map.entry(SaEncryption.NULL, Sadb.EALG_NULL),
            Map.entry(SaEncryption.DES_CBC, Sadb.EALG_DESCBC), Map.entry(SaEncryption.DES3_CBC, Sadb.EALG_3DESCBC),
            Map.entry(SaEncryption.CAST128_CBC, Sadb.EALG_CASTCBC),
            Map.entry(SaEncryption.BLOWFISH_CBC, Sadb.EALG_BLOWFISHCBC),
            Map.entry(SaEncryption.AES_CBC, Sadb.EALG_AESCBC), Map.entry(SaEncryption.AES_CTR, Sadb.EALG_AESCTR),
            Map.entry(SaEncryption.AES_CCM_8, Sadb.EALG_AES_CCM_ICV8),
            Map.entry(SaEncryption.AES_CCM_12, Sadb.EALG_AES_CCM_ICV12),
            Map.entry(SaEncryption.AES_CCM_16, Sadb.EALG_AES_CCM_ICV16),
            Map.entry(SaEncryption.AES_GCM_8, Sadb.EALG_AES_GCM_ICV8),
            Map.entry(SaEncryption.AES_GCM_12, Sadb.EALG_AES_GCM_ICV12),
            Map.entry(SaEncryption.AES_GCM_16, Sadb.EALG_AES_GCM_ICV16),
            Map.entry(SaEncryption.CAMELLIA_CBC, Sadb.EALG_CAMELLIACBC),
            Map.entry(SaEncryption.NULL_AES_GMAC, Sadb.EALG_NULL_AES_GMAC),
            Map.entry(SaEncryption.SERPENT_CBC, Sadb.EALG_SERPENTCBC),
            Map.entry(SaEncryption.TWOFISH_CBC, Sadb.EALG_TWOFISHCBC));
    private static final Map<SaIntegrity, Integer> AALG = Map.of(
            SaIntegrity.NONE, Sadb.AALG_NONE, SaIntegrity.NULL, Sadb.AALG_NULL,
            SaIntegrity.HMAC_MD5, Sadb.AALG_MD5HMAC, SaIntegrity.HMAC_SHA1, Sadb.AALG_SHA1HMAC,
            SaIntegrity.HMAC_SHA2_256, Sadb.AALG_SHA2_256HMAC, SaIntegrity.HMAC_SHA2_384, Sadb.AALG_SHA2_384HMAC,
            SaIntegrity.HMAC_SHA2_512, Sadb.AALG_SHA2_512HMAC, SaIntegrity.HMAC_RIPEMD160, Sadb.AALG_RIPEMD160HMAC,
            SaIntegrity.AES_XCBC_MAC, Sadb.AALG_AES_XCBC_MAC);
    private static final Map<SaCompression, Integer> CALG = Map.of(
            SaCompression.NONE, Sadb.CALG_NONE, SaCompression.OUI, Sadb.CALG_OUI,
            SaCompression.DEFLATE, Sadb.CALG_DEFLATE, SaCompression.LZS, Sadb.CALG_LZS,
            SaCompression.LZJH, Sadb.CALG_LZJH);
    private static final Map<Integer, SaEncryption> EALG_BACK = invert(EALG);
    private static final Map<Integer, SaIntegrity> AALG_BACK = invert(AALG);
    private static final Map<Integer, SaCompression> CALG_BACK = invert(CALG);

    private static <K, V> Map<V, K> invert(Map<K, V> map) {
        return map.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));
    }

    public static int saType(IpsecProtocol protocol) {
        return switch (protocol) {
            case ESP -> Sadb.SATYPE_ESP;
            case AH -> Sadb.SATYPE_AH;
            case IPCOMP -> Sadb.SATYPE_IPCOMP;
        };
    }

    public static Optional<IpsecProtocol> protocolOfSaType(int saType) {
        return switch (saType) {
            case Sadb.SATYPE_ESP -> Optional.of(IpsecProtocol.ESP);
            case Sadb.SATYPE_AH -> Optional.of(IpsecProtocol.AH);
            case Sadb.SATYPE_IPCOMP -> Optional.of(IpsecProtocol.IPCOMP);
            default -> Optional.empty();
        };
    }

    static Optional<IpsecProtocol> protocolOfIp(int ipProtocol) {
        for (IpsecProtocol p : IpsecProtocol.values()) {
            if (p.ipProtocol() == ipProtocol) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static int mode(IpsecMode mode) {
        return mode == IpsecMode.TUNNEL ? Sadb.MODE_TUNNEL : Sadb.MODE_TRANSPORT;
    }

    public static int direction(PolicyDirection direction) {
        return switch (direction) {
            case IN -> Sadb.DIR_INBOUND;
            case OUT -> Sadb.DIR_OUTBOUND;
            case FWD -> Sadb.DIR_FWD;
        };
    }

    public static int level(IpsecLevel level) {
        return switch (level) {
            case DEFAULT -> Sadb.LEVEL_DEFAULT;
            case USE -> Sadb.LEVEL_USE;
            case REQUIRE -> Sadb.LEVEL_REQUIRE;
            case UNIQUE -> Sadb.LEVEL_UNIQUE;
        };
    }

    public static int saState(SaState state) {
        return switch (state) {
            case LARVAL -> Sadb.SASTATE_LARVAL;
            case MATURE -> Sadb.SASTATE_MATURE;
            case DYING -> Sadb.SASTATE_DYING;
            case DEAD -> Sadb.SASTATE_DEAD;
        };
    }

    /** The SADB extensions that describe an SA for ADD and UPDATE. */
    public static List<SadbExtension> saExtensions(SaSpec sa) {
        SaId id = sa.id();
        int algorithm = id.protocol() == IpsecProtocol.IPCOMP ? CALG.get(sa.compression()) : EALG.get(sa.encryption());
        List<SadbExtension> ext = new ArrayList<>();
        ext.add(new SaExtension(id.spi(), sa.replayWindow(), Sadb.SASTATE_MATURE, AALG.get(sa.integrity()), algorithm, 0));
        ext.add(new Sa2Extension(mode(sa.mode()), 0, sa.reqid()));
        ext.add(AddressExtension.host(ADDRESS_SRC, id.source()));
        ext.add(AddressExtension.host(ADDRESS_DST, id.destination()));
        if (!sa.hard().equals(Lifetime.NONE)) {
            ext.add(lifetime(SadbExtensionType.LIFETIME_HARD, sa.hard()));
        }
        if (!sa.soft().equals(Lifetime.NONE)) {
            ext.add(lifetime(SadbExtensionType.LIFETIME_SOFT, sa.soft()));
        }
        if (!sa.integrityKey().isEmpty()) {
            ext.add(KeyExtension.of(SadbExtensionType.KEY_AUTH, sa.integrityKey().bytes()));
        }
        if (!sa.encryptionKey().isEmpty()) {
            ext.add(KeyExtension.of(SadbExtensionType.KEY_ENCRYPT, sa.encryptionKey().bytes()));
        }
        sa.encapsulation().ifPresent(encap -> {
            ext.add(new NatTypeExtension(encap.type() == UdpEncapsulation.Type.ESP_IN_UDP
                    ? Sadb.NAT_T_ESPINUDP : Sadb.NAT_T_ESPINUDP_NON_IKE));
            ext.add(new NatPortExtension(SadbExtensionType.X_NAT_T_SPORT, encap.sourcePort()));
            ext.add(new NatPortExtension(SadbExtensionType.X_NAT_T_DPORT, encap.destinationPort()));
            encap.originalAddress().ifPresent(oa -> ext.add(AddressExtension.host(SadbExtensionType.X_NAT_T_OA, oa)));
        });
        return ext;
    }

    /** The SA, endpoints and SPI only: what DELETE and GET need. */
    public static List<SadbExtension> saIdExtensions(SaId id) {
        return List.of(SaExtension.ofSpi(id.spi()), AddressExtension.host(ADDRESS_SRC, id.source()),
                AddressExtension.host(ADDRESS_DST, id.destination()));
    }

    private static LifetimeExtension lifetime(SadbExtensionType type, Lifetime l) {
        return new LifetimeExtension(type, (int) Math.min(l.allocations(), 0xffffffffL), l.bytes(), l.addSeconds(), l.useSeconds());
    }

    static Lifetime lifetime(Optional<LifetimeExtension> ext) {
        return ext.map(l -> new Lifetime(Integer.toUnsignedLong(l.allocations()), Math.max(0, l.bytes()),
                Math.max(0, l.addTime()), Math.max(0, l.useTime()))).orElse(Lifetime.NONE);
    }

    static <T extends SadbExtension> T need(SadbMessage m, SadbExtensionType type, Class<T> kind)
            throws PfKeyException {
        return m.extension(type, kind).orElseThrow(() -> new PfKeyException(m.type(), "kernel message lacks " + type));
    }

    private static <T> T known(SadbMessage m, Optional<T> value, String what) throws PfKeyException {
        return value.orElseThrow(() -> new PfKeyException(m.type(), "kernel message has an unknown " + what));
    }

    /** The SA of a kernel message from GETSPI, GET, DUMP, EXPIRE or another process's ADD. */
    public static SaId saId(SadbMessage m) throws PfKeyException {
        IpsecProtocol protocol = known(m, protocolOfSaType(m.saType()), "SA type " + m.saType());
        SaExtension sa = need(m, SadbExtensionType.SA, SaExtension.class);
        return new SaId(protocol, need(m, ADDRESS_SRC, AddressExtension.class).address(),
                need(m, ADDRESS_DST, AddressExtension.class).address(), sa.spi());
    }

    /** The full SA a GET or DUMP reply describes. */
    public static KernelSa kernelSa(SadbMessage m) throws PfKeyException {
        SaId id = saId(m);
        SaExtension sa = need(m, SadbExtensionType.SA, SaExtension.class);
        Optional<Sa2Extension> sa2 = m.extension(SadbExtensionType.X_SA2, Sa2Extension.class);
        SaSpec.Builder b = SaSpec.builder(id)
                .mode(sa2.map(s -> s.mode() == Sadb.MODE_TUNNEL ? IpsecMode.TUNNEL : IpsecMode.TRANSPORT)
                        .orElse(IpsecMode.TRANSPORT))
                .reqid(sa2.map(Sa2Extension::reqid).orElse(0))
                .replayWindow(sa.replay())
                .soft(lifetime(m.extension(SadbExtensionType.LIFETIME_SOFT, LifetimeExtension.class)))
                .hard(lifetime(m.extension(SadbExtensionType.LIFETIME_HARD, LifetimeExtension.class)));
        KeyMaterial authKey = key(m, SadbExtensionType.KEY_AUTH);
        KeyMaterial encKey = key(m, SadbExtensionType.KEY_ENCRYPT);
        switch (id.protocol()) {
            case IPCOMP -> b.compression(known(m, Optional.ofNullable(CALG_BACK.get(sa.encrypt())), "compression " + sa.encrypt()));
            case ESP, AH -> b.encryption(known(m, Optional.ofNullable(EALG_BACK.get(sa.encrypt())), "encryption " + sa.encrypt()), encKey)
                    .integrity(known(m, Optional.ofNullable(AALG_BACK.get(sa.auth())), "integrity " + sa.auth()), authKey);
        }
        m.extension(SadbExtensionType.X_NAT_T_TYPE, NatTypeExtension.class).ifPresent(t -> b.encapsulation(
                new UdpEncapsulation(t.natType() == Sadb.NAT_T_ESPINUDP_NON_IKE
                        ? UdpEncapsulation.Type.ESP_IN_UDP_NON_IKE : UdpEncapsulation.Type.ESP_IN_UDP,
                        m.extension(SadbExtensionType.X_NAT_T_SPORT, NatPortExtension.class).map(NatPortExtension::port).orElse(0),
                        m.extension(SadbExtensionType.X_NAT_T_DPORT, NatPortExtension.class).map(NatPortExtension::port).orElse(0),
                        m.extension(SadbExtensionType.X_NAT_T_OA, AddressExtension.class).map(AddressExtension::address))));
        SaState state = switch (sa.state()) {
            case Sadb.SASTATE_LARVAL -> SaState.LARVAL;
            case Sadb.SASTATE_MATURE -> SaState.MATURE;
            case Sadb.SASTATE_DYING -> SaState.DYING;
            default -> SaState.DEAD;
        };
        try {
            return new KernelSa(b.build(), state, lifetime(m.extension(SadbExtensionType.LIFETIME_CURRENT, LifetimeExtension.class)));
        } catch (IllegalArgumentException e) {
            throw new PfKeyException(m.type(), "kernel SA " + id + " does not fit: " + e.getMessage());
        }
    }

    private static KeyMaterial key(SadbMessage m, SadbExtensionType type) {
        return m.extension(type, KeyExtension.class).map(k -> KeyMaterial.of(k.key())).orElse(KeyMaterial.NONE);
    }

    /** Selector addresses of a policy: prefix, port and upper-layer protocol in each. */
    public static List<SadbExtension> selectorExtensions(TrafficSelector s) {
        return List.of(
                new AddressExtension(ADDRESS_SRC, s.upperProtocol(), s.source().length(), s.source().address(), s.sourcePort()),
                new AddressExtension(ADDRESS_DST, s.upperProtocol(), s.destination().length(), s.destination().address(),
                        s.destinationPort()));
    }

    /** The extensions of X_SPDADD and X_SPDUPDATE. */
    public static List<SadbExtension> policyExtensions(PolicySpec p) {
        List<SadbExtension> ext = new ArrayList<>(selectorExtensions(p.selector()));
        int type = switch (p.action()) {
            case NONE -> Sadb.POLICY_NONE;
            case DISCARD -> Sadb.POLICY_DISCARD;
            case IPSEC -> Sadb.POLICY_IPSEC;
        };
        List<PolicyExtension.IpsecRequest> requests = p.requests().stream().map(r -> new PolicyExtension.IpsecRequest(
                r.protocol().ipProtocol(), mode(r.mode()), level(r.level()), r.reqid(),
                r.tunnelSource().orElse(null), r.tunnelDestination().orElse(null))).toList();
        ext.add(new PolicyExtension(type, direction(p.direction()), 0, p.priority(), requests));
        if (!p.hard().equals(Lifetime.NONE)) {
            ext.add(lifetime(SadbExtensionType.LIFETIME_HARD, p.hard()));
        }
        return ext;
    }

    /** The policy a kernel message (X_SPDADD reply, X_SPDGET, X_SPDDUMP, ...) describes. */
    public static KernelPolicy kernelPolicy(SadbMessage m) throws PfKeyException {
        AddressExtension src = need(m, ADDRESS_SRC, AddressExtension.class);
        AddressExtension dst = need(m, ADDRESS_DST, AddressExtension.class);
        PolicyExtension pol = need(m, SadbExtensionType.X_POLICY, PolicyExtension.class);
        PolicyDirection dir = switch (pol.direction()) {
            case Sadb.DIR_INBOUND -> PolicyDirection.IN;
            case Sadb.DIR_OUTBOUND -> PolicyDirection.OUT;
            case Sadb.DIR_FWD -> PolicyDirection.FWD;
            default -> throw new PfKeyException(m.type(), "kernel policy has direction " + pol.direction());
        };
        PolicyAction action = switch (pol.policyType()) {
            case Sadb.POLICY_NONE -> PolicyAction.NONE;
            case Sadb.POLICY_DISCARD -> PolicyAction.DISCARD;
            case Sadb.POLICY_IPSEC -> PolicyAction.IPSEC;
            default -> throw new PfKeyException(m.type(), "kernel policy has type " + pol.policyType());
        };
        List<IpsecRequest> requests = new ArrayList<>();
        for (PolicyExtension.IpsecRequest r : pol.requests()) {
            IpsecProtocol protocol = known(m, protocolOfIp(r.protocol()), "request protocol " + r.protocol());
            IpsecLevel level = switch (r.level()) {
                case Sadb.LEVEL_DEFAULT -> IpsecLevel.DEFAULT;
                case Sadb.LEVEL_USE -> IpsecLevel.USE;
                case Sadb.LEVEL_REQUIRE -> IpsecLevel.REQUIRE;
                case Sadb.LEVEL_UNIQUE -> IpsecLevel.UNIQUE;
                default -> throw new PfKeyException(m.type(), "kernel policy has level " + r.level());
            };
            requests.add(new IpsecRequest(protocol, r.mode() == Sadb.MODE_TUNNEL ? IpsecMode.TUNNEL : IpsecMode.TRANSPORT,
                    Optional.ofNullable(r.source()), Optional.ofNullable(r.destination()), level, r.reqid()));
        }
        try {
            TrafficSelector selector = new TrafficSelector(new IpPrefix(src.address(), src.prefixLength()), src.port(),
                    new IpPrefix(dst.address(), dst.prefixLength()), dst.port(), src.protocol());
            return new KernelPolicy(pol.id(), new PolicySpec(selector, dir, action, requests, pol.priority(),
                    lifetime(m.extension(SadbExtensionType.LIFETIME_HARD, LifetimeExtension.class))));
        } catch (IllegalArgumentException e) {
            throw new PfKeyException(m.type(), "kernel policy " + pol.id() + " does not fit: " + e.getMessage());
        }
    }

    /** Throws on the first message that does not map, naming it. */
    static <T> List<T> mapAll(List<SadbMessage> messages, Mapper<T> mapper) throws PfKeyException {
        List<T> out = new ArrayList<>(messages.size());
        for (SadbMessage m : messages) {
            out.add(mapper.map(m));
        }
        return out;
    }

    @FunctionalInterface
    interface Mapper<T> {
        T map(SadbMessage m) throws PfKeyException;
    }
}
