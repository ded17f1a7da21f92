package org.jracoon.setkey;

import static org.jracoon.pfkey.message.SadbExtensionType.ADDRESS_DST;
import static org.jracoon.pfkey.message.SadbExtensionType.ADDRESS_SRC;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.jracoon.parser.setkey.AddressRange;
import org.jracoon.parser.setkey.CompressionAlgorithm;
import org.jracoon.parser.setkey.Directive;
import org.jracoon.parser.setkey.Endpoint;
import org.jracoon.parser.setkey.EncryptionAlgorithm;
import org.jracoon.parser.setkey.IpsecRequest;
import org.jracoon.parser.setkey.Lifetime;
import org.jracoon.parser.setkey.Policy;
import org.jracoon.parser.setkey.PolicyDirection;
import org.jracoon.parser.setkey.SaAlgorithms;
import org.jracoon.parser.setkey.SaParameters;
import org.jracoon.parser.setkey.SaProtocol;
import org.jracoon.parser.setkey.Selector;
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
import org.jracoon.pfkey.message.SadbMessageType;

/**
 * The PF_KEY requests setkey sends for each directive, with the same extensions and flags as
 * ipsec-tools' setkey on Linux (RFC 2367 with the KAME/Linux extensions). Sequence and pid are
 * set when a request is sent.
 */
final class SadbRequests {
    /** IPSEC_ULPROTO_ANY: SA addresses carry no upper-layer protocol. */
    private static final int ANY_PROTOCOL = 255;
    /** UDP_ENCAP_ESPINUDP (RFC 3948), the encapsulation esp-udp asks for. */
    private static final int ESP_IN_UDP = 2;
    private static final int NAT_T_PORT = 4500;

    /** KAME's sadb_sa_flags bits (ipsec-tools' pfkeyv2.h). */
    static final int EXT_OLD = 0x0001;
    static final int EXT_IV4B = 0x0010;
    static final int EXT_DERIV = 0x0020;
    static final int EXT_CYCSEQ = 0x0040;
    static final int EXT_RAWCPI = 0x0080;

    private SadbRequests() {
    }

    static SadbMessage add(Directive.Add add) {
        List<SadbExtension> ext = new ArrayList<>();
        SaAlgorithms algorithms = add.algorithms();
        if (add.protocol() != SaProtocol.IPCOMP) {
            algorithms.encryption().ifPresent(e ->
                    ext.add(KeyExtension.of(SadbExtensionType.KEY_ENCRYPT, e.key().bytes())));
        }
        // a keyless authentication algorithm (null) sends its number but no key
        algorithms.authentication().filter(a -> a.algorithm().keyed()).ifPresent(a ->
                ext.add(KeyExtension.of(SadbExtensionType.KEY_AUTH, a.key().bytes())));
        SaParameters p = add.parameters();
        lifetime(SadbExtensionType.LIFETIME_HARD, p.hard(), ext);
        lifetime(SadbExtensionType.LIFETIME_SOFT, p.soft(), ext);
        int auth = algorithms.authentication().map(a -> a.algorithm().sadbId()).orElse(Sadb.AALG_NONE);
        int encrypt = algorithms.encryption().map(e -> e.algorithm().sadbId())
                .or(() -> algorithms.compression().map(CompressionAlgorithm::sadbId)).orElse(Sadb.EALG_NONE);
        ext.add(new SaExtension((int) add.spi(), p.replay(), 0, auth, encrypt, flags(add)));
        ext.add(new Sa2Extension(p.mode().value(), 0, (int) p.reqid()));
        if (add.protocol() == SaProtocol.ESP_UDP) {
            ext.add(new NatTypeExtension(ESP_IN_UDP));
            add.natOriginalAddress().ifPresent(oa -> ext.add(
                    AddressExtension.host(SadbExtensionType.X_NAT_T_OA, oa)));
            ext.add(new NatPortExtension(SadbExtensionType.X_NAT_T_SPORT, natPort(add.source())));
            ext.add(new NatPortExtension(SadbExtensionType.X_NAT_T_DPORT, natPort(add.destination())));
        }
        ext.add(saAddress(ADDRESS_SRC, add.source().address()));
        ext.add(saAddress(ADDRESS_DST, add.destination().address()));
        return SadbMessage.request(SadbMessageType.ADD, add.protocol().satype(), ext);
    }

    /** sadb_sa_flags as KAME computes them: cyclic sequence unless -f nocyclic-seq, padding, old forms. */
    static int flags(Directive.Add add) {
        SaParameters p = add.parameters();
        int flags = p.padding().flag();
        if (p.cyclicSequence()) {
            flags |= EXT_CYCSEQ;
        }
        if (add.protocol().old()) {
            flags |= EXT_OLD;
        }
        EncryptionAlgorithm enc = add.algorithms().encryption().map(SaAlgorithms.Keyed::algorithm).orElse(null);
        if (enc == EncryptionAlgorithm.DES_DERIV) {
            flags |= EXT_DERIV;
        } else if (enc == EncryptionAlgorithm.DES_32IV) {
            flags |= EXT_IV4B;
        }
        if (add.algorithms().rawCpi()) {
            flags |= EXT_RAWCPI;
        }
        return flags;
    }

    /** GET or DELETE of one SA. */
    static SadbMessage byId(SadbMessageType type, SaProtocol protocol, Endpoint src, Endpoint dst, long spi) {
        return SadbMessage.request(type, protocol.satype(), List.of(
                SaExtension.ofSpi((int) spi),
                saAddress(ADDRESS_SRC, src.address()),
                saAddress(ADDRESS_DST, dst.address())));
    }

    static SadbMessage delete(Directive.DeleteAll all, long spi) {
        return SadbMessage.request(SadbMessageType.DELETE, all.protocol().satype(), List.of(
                SaExtension.ofSpi((int) spi),
                saAddress(ADDRESS_SRC, all.source()),
                saAddress(ADDRESS_DST, all.destination())));
    }

    /** FLUSH, DUMP, X_SPDFLUSH, X_SPDDUMP: a bare header. */
    static SadbMessage bare(SadbMessageType type, int satype) {
        return SadbMessage.request(type, satype, List.of());
    }

    /**
     * X_SPDADD, X_SPDUPDATE or X_SPDDELETE; for an inbound policy also the fwd twin that
     * ipsec-tools' setkey sends on Linux, so that forwarded protected traffic is accepted.
     */
    static List<SadbMessage> policy(SadbMessageType type, Selector selector, Policy policy) {
        List<SadbMessage> out = new ArrayList<>();
        out.add(policyMessage(type, selector, policy));
        if (policy.direction() == PolicyDirection.IN) {
            out.add(policyMessage(type, selector, policy.forwardTwin()));
        }
        return out;
    }

    private static SadbMessage policyMessage(SadbMessageType type, Selector selector, Policy policy) {
        List<PolicyExtension.IpsecRequest> requests = new ArrayList<>();
        for (IpsecRequest r : policy.requests()) {
            requests.add(new PolicyExtension.IpsecRequest(r.protocol().ipProtocol(), r.mode().value(),
                    r.level().value(), (int) r.reqid(),
                    r.tunnelSource().map(InetSocketAddress::getAddress).orElse(null),
                    r.tunnelDestination().map(InetSocketAddress::getAddress).orElse(null)));
        }
        return SadbMessage.request(type, Sadb.SATYPE_UNSPEC, List.of(
                new PolicyExtension(policy.action().value(), policy.direction().value(), 0,
                        (int) policy.priority(), requests),
                selectorAddress(ADDRESS_SRC, selector.source(), selector.sourcePort(), selector.upperLayerProtocol()),
                selectorAddress(ADDRESS_DST, selector.destination(), selector.destinationPort(),
                        selector.upperLayerProtocol())));
    }

    private static AddressExtension selectorAddress(SadbExtensionType type, AddressRange range, int port, int proto) {
        return new AddressExtension(type, proto, range.prefixLength(), range.address(), port);
    }

    private static AddressExtension saAddress(SadbExtensionType type, InetAddress address) {
        return new AddressExtension(type, ANY_PROTOCOL, address.getAddress().length * 8, address, 0);
    }

    private static int natPort(Endpoint e) {
        return e.port() == 0 ? NAT_T_PORT : e.port();
    }

    private static void lifetime(SadbExtensionType type, Lifetime l, List<SadbExtension> ext) {
        if (!l.isNone()) {
            ext.add(new LifetimeExtension(type, 0, l.bytes(), l.seconds(), 0));
        }
    }
}
