package org.jracoon.xfrm;

import org.jracoon.ike.kernel.IpsecLevel;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.IpsecRequest;
import org.jracoon.ike.kernel.KernelPolicy;
import org.jracoon.ike.kernel.KernelSa;
import org.jracoon.ike.kernel.Lifetime;
import org.jracoon.ike.kernel.PolicySpec;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.SaState;
import org.jracoon.ike.kernel.UdpEncapsulation;
import org.jracoon.pfkey.Errno;
import org.jracoon.pfkey.PfKeyException;
import org.jracoon.pfkey.SadbMapping;
import org.jracoon.pfkey.message.LifetimeExtension;
import org.jracoon.pfkey.message.PolicyExtension;
import org.jracoon.pfkey.message.SaExtension;
import org.jracoon.pfkey.message.Sadb;
import org.jracoon.pfkey.message.SadbExtension;
import org.jracoon.pfkey.message.SadbExtensionType;
import org.jracoon.pfkey.message.SadbMessage;
import org.jracoon.pfkey.message.SadbMessageType;
import org.jracoon.pfkey.message.SupportedExtension;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * PF_KEY requests carried out over XFRM netlink, answered as Linux's af_key answers them. af_key
 * is itself a translation of PF_KEY onto the kernel's XFRM states and policies; doing the same
 * translation here lets setkey send the same requests and print the same {@code -D}/{@code -DP}
 * text on a kernel built without AF_KEY. The requests setkey sends are known (ADD, UPDATE, GET,
 * DELETE, FLUSH, DUMP, REGISTER and the SPD ones); others are refused with EOPNOTSUPP.
 */
public final class XfrmSadb implements AutoCloseable {
    private static final int EOPNOTSUPP = 95;
    private static final int ENOSYS = 38;
    /** af_key keeps at most the 32 packets of the fixed replay bitmap (net/key/af_key.c). */
    private static final int PFKEY_REPLAY_MAX = 32;
    /** Reqids up to this one are typed by hand; af_key picks its own above it (IPSEC_MANUAL_REQID_MAX). */
    private static final int MANUAL_REQID_MAX = 0x3fff;
    /** Offsets in {@code xfrm_userpolicy_info} of its lifetime configuration and current use. */
    private static final int POLICY_LIFETIMES = Xfrm.SIZEOF_SELECTOR;
    private static final int POLICY_CURRENT = POLICY_LIFETIMES + XfrmLifetimes.CONFIG_LENGTH;
    /**
     * What af_key's REGISTER answer offers (the kernel's xfrm_algo.c entries PF_KEY may use, with
     * their IV lengths and key bits); combined modes are never in it.
     */
    private static final List<SupportedExtension.Algorithm> AUTH = List.of(
            new SupportedExtension.Algorithm(Sadb.AALG_NULL, 0, 0, 0),
            new SupportedExtension.Algorithm(Sadb.AALG_MD5HMAC, 0, 128, 128),
            new SupportedExtension.Algorithm(Sadb.AALG_SHA1HMAC, 0, 160, 160),
            new SupportedExtension.Algorithm(Sadb.AALG_SHA2_256HMAC, 0, 256, 256),
            new SupportedExtension.Algorithm(Sadb.AALG_SHA2_384HMAC, 0, 384, 384),
            new SupportedExtension.Algorithm(Sadb.AALG_SHA2_512HMAC, 0, 512, 512),
            new SupportedExtension.Algorithm(Sadb.AALG_RIPEMD160HMAC, 0, 160, 160),
            new SupportedExtension.Algorithm(Sadb.AALG_AES_XCBC_MAC, 0, 128, 128));
    private static final List<SupportedExtension.Algorithm> ENCRYPT = List.of(
            new SupportedExtension.Algorithm(Sadb.EALG_NULL, 0, 0, 0),
            new SupportedExtension.Algorithm(Sadb.EALG_DESCBC, 8, 64, 64),
            new SupportedExtension.Algorithm(Sadb.EALG_3DESCBC, 8, 192, 192),
            new SupportedExtension.Algorithm(Sadb.EALG_CASTCBC, 8, 40, 128),
            new SupportedExtension.Algorithm(Sadb.EALG_BLOWFISHCBC, 8, 40, 448),
            new SupportedExtension.Algorithm(Sadb.EALG_AESCBC, 8, 128, 256),
            new SupportedExtension.Algorithm(Sadb.EALG_SERPENTCBC, 8, 128, 256),
            new SupportedExtension.Algorithm(Sadb.EALG_CAMELLIACBC, 8, 128, 256),
            new SupportedExtension.Algorithm(Sadb.EALG_TWOFISHCBC, 8, 128, 256),
            new SupportedExtension.Algorithm(Sadb.EALG_AESCTR, 8, 160, 288));

    private final XfrmClient client;
    /** af_key answers a dump with the requester's pid; PF_KEY clients send their process id. */
    private final int pid = (int) ProcessHandle.current().pid();

    XfrmSadb(XfrmClient client) {
        this.client = client;
    }

    public static XfrmSadb open() throws IOException {
        return open(XfrmClient.DEFAULT_TIMEOUT);
    }

    public static XfrmSadb open(Duration timeout) throws IOException {
        return new XfrmSadb(XfrmClient.open(timeout));
    }

    /**
     * One request and the reply af_key would send to it.
     *
     * @throws PfKeyException with the kernel's errno when it refuses, as PF_KEY would
     */
    public SadbMessage call(SadbMessage request) throws IOException {
        return switch (request.type()) {
            case ADD, UPDATE -> putSa(request);
            case GET -> getSa(request);
            case DELETE -> {
                SaId id = saId(request);
                netlink(request, NetlinkMessage.request(Xfrm.MSG_DELSA, 0, XfrmMapping.saIdBody(id)), Optional.empty());
                yield reply(request, SadbMapping.saIdExtensions(id));
            }
            case FLUSH -> {
                netlink(request, NetlinkMessage.request(Xfrm.MSG_FLUSHSA, 0,
                        XfrmMapping.flushBody(protocolOf(request).map(IpsecProtocol::ipProtocol).orElse(0))), Optional.empty());
                yield reply(request, List.of());
            }
            case X_SPDADD, X_SPDUPDATE -> putPolicy(request);
            case X_SPDDELETE -> {
                PolicySpec p = policySpec(request);
                netlink(request, NetlinkMessage.request(Xfrm.MSG_DELPOLICY, 0, XfrmMapping.policyIdBody(
                        XfrmMapping.selector(p.selector()), 0, XfrmMapping.direction(p.direction()))), Optional.empty());
                yield reply(request, request.extensions());
            }
            case X_SPDFLUSH -> {
                netlink(request, NetlinkMessage.request(Xfrm.MSG_FLUSHPOLICY, 0, new byte[0]), Optional.empty());
                yield reply(request, List.of());
            }
            // XFRM has no registration: every algorithm af_key knows is offered, the kernel refuses a missing one
            case REGISTER -> reply(request, List.of(new SupportedExtension(SadbExtensionType.SUPPORTED_AUTH, AUTH),
                    new SupportedExtension(SadbExtensionType.SUPPORTED_ENCRYPT, ENCRYPT)));
            default -> throw new PfKeyException(request.type(), EOPNOTSUPP, Errno.describe(EOPNOTSUPP)
                    + ": only PF_KEY itself can carry " + request.type());
        };
    }

    /** A DUMP or X_SPDDUMP: every entry, numbered as af_key numbers them (1, 2, ..., the last 0). */
    public List<SadbMessage> dump(SadbMessage request) throws IOException {
        List<SadbMessage> entries = switch (request.type()) {
            case DUMP -> dumpSa(request);
            case X_SPDDUMP -> dumpPolicy(request);
            default -> throw new PfKeyException(request.type(), Errno.EINVAL);
        };
        List<SadbMessage> numbered = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            numbered.add(entries.get(i).withSequence(i == entries.size() - 1 ? 0 : i + 1, pid));
        }
        return numbered;
    }

    @Override
    public void close() {
        client.close();
    }

    // ---- SAs

    private SadbMessage putSa(SadbMessage m) throws IOException {
        SaSpec sa = saSpec(m);
        byte[] body;
        try {
            body = XfrmMapping.saBody(sa);
        } catch (IllegalArgumentException e) {
            throw new PfKeyException(m.type(), ENOSYS, Errno.describe(ENOSYS) + ": " + e.getMessage());
        }
        netlink(m, NetlinkMessage.request(m.type() == SadbMessageType.ADD ? Xfrm.MSG_NEWSA : Xfrm.MSG_UPDSA, 0, body),
                Optional.of(sa));
        return reply(m, saExtensions(new KernelSa(sa, SaState.MATURE, Lifetime.NONE)));
    }

    /** The SA of an ADD or UPDATE, refused where af_key's pfkey_msg2xfrm_state refuses it. */
    static SaSpec saSpec(SadbMessage m) throws PfKeyException {
        Optional<IpsecProtocol> protocol = SadbMapping.protocolOfSaType(m.saType());
        Optional<SaExtension> sa = m.extension(SadbExtensionType.SA, SaExtension.class);
        boolean hard = m.extension(SadbExtensionType.LIFETIME_HARD).isPresent();
        boolean soft = m.extension(SadbExtensionType.LIFETIME_SOFT).isPresent();
        if (protocol.isEmpty() || sa.isEmpty() || m.extension(SadbExtensionType.ADDRESS_SRC).isEmpty()
                || m.extension(SadbExtensionType.ADDRESS_DST).isEmpty() || hard != soft
                || (protocol.get() == IpsecProtocol.ESP && m.extension(SadbExtensionType.KEY_ENCRYPT).isEmpty())
                || (protocol.get() == IpsecProtocol.AH && m.extension(SadbExtensionType.KEY_AUTH).isEmpty())) {
            throw new PfKeyException(m.type(), Errno.EINVAL);
        }
        SaSpec spec;
        try {
            spec = SadbMapping.kernelSa(m).spec();
        } catch (PfKeyException e) {
            // an algorithm number the kernel has no transform for
            throw new PfKeyException(m.type(), ENOSYS, Errno.describe(ENOSYS) + ": " + e.reason());
        }
        return withoutNatOa(spec.toBuilder().replayWindow(Math.min(sa.get().replay(), PFKEY_REPLAY_MAX)).build());
    }

    /** af_key neither takes nor reports a NAT original address. */
    private static SaSpec withoutNatOa(SaSpec sa) {
        return sa.encapsulation().filter(e -> e.originalAddress().isPresent())
                .map(e -> sa.toBuilder().encapsulation(new UdpEncapsulation(e.type(), e.sourcePort(),
                        e.destinationPort(), Optional.empty())).build())
                .orElse(sa);
    }

    private SadbMessage getSa(SadbMessage m) throws IOException {
        NetlinkMessage reply;
        try {
            reply = client.call(NetlinkMessage.request(Xfrm.MSG_GETSA, 0, XfrmMapping.saIdBody(saId(m))), Xfrm.MSG_NEWSA);
        } catch (NetlinkException e) {
            throw refusal(m, e, Optional.empty());
        }
        return reply(m, saExtensions(decodeSa(m, reply.bodyBuffer())));
    }

    private List<SadbMessage> dumpSa(SadbMessage m) throws IOException {
        Optional<IpsecProtocol> only = protocolOf(m);
        List<SadbMessage> out = new ArrayList<>();
        for (NetlinkMessage entry : dumpAll(m, Xfrm.MSG_GETSA, Xfrm.MSG_NEWSA)) {
            KernelSa sa = decodeSa(m, entry.bodyBuffer());
            IpsecProtocol protocol = sa.spec().id().protocol();
            if (only.isEmpty() || only.get() == protocol) {
                out.add(new SadbMessage(SadbMessageType.DUMP, 0, SadbMapping.saType(protocol), 0, 0, saExtensions(sa)));
            }
        }
        return out;
    }

    private static KernelSa decodeSa(SadbMessage m, ByteBuffer body) throws PfKeyException {
        try {
            return XfrmMapping.kernelSa(body, System.currentTimeMillis() / 1000);
        } catch (NetlinkDecodeException e) {
            throw new PfKeyException(m.type(), "kernel answer does not decode: " + e.getMessage());
        }
    }

    /** An SA as af_key's pfkey_xfrm_state2msg writes it: its state, keys, all three lifetimes. */
    private static List<SadbExtension> saExtensions(KernelSa sa) {
        List<SadbExtension> out = new ArrayList<>();
        for (SadbExtension e : SadbMapping.saExtensions(withoutNatOa(sa.spec()))) {
            if (e instanceof SaExtension s) {
                out.add(new SaExtension(s.spi(), s.replay(), SadbMapping.saState(sa.state()), s.auth(), s.encrypt(), 0));
            } else if (e.type() != SadbExtensionType.LIFETIME_HARD && e.type() != SadbExtensionType.LIFETIME_SOFT) {
                out.add(e);
            }
        }
        out.add(lifetime(SadbExtensionType.LIFETIME_HARD, sa.spec().hard()));
        out.add(lifetime(SadbExtensionType.LIFETIME_SOFT, sa.spec().soft()));
        out.add(lifetime(SadbExtensionType.LIFETIME_CURRENT, sa.current()));
        return out;
    }

    private static SaId saId(SadbMessage m) throws PfKeyException {
        if (SadbMapping.protocolOfSaType(m.saType()).isEmpty()) {
            throw new PfKeyException(m.type(), Errno.EINVAL);
        }
        try {
            return SadbMapping.saId(m);
        } catch (PfKeyException e) {
            throw new PfKeyException(m.type(), Errno.EINVAL);
        }
    }

    /** The protocol a FLUSH or DUMP is limited to, none for all of them. */
    private static Optional<IpsecProtocol> protocolOf(SadbMessage m) throws PfKeyException {
        if (m.saType() == Sadb.SATYPE_UNSPEC) {
            return Optional.empty();
        }
        return Optional.of(SadbMapping.protocolOfSaType(m.saType())
                .orElseThrow(() -> new PfKeyException(m.type(), Errno.EINVAL)));
    }

    // ---- policies

    private SadbMessage putPolicy(SadbMessage m) throws IOException {
        PolicySpec policy = withReqids(policySpec(m));
        netlink(m, NetlinkMessage.request(m.type() == SadbMessageType.X_SPDADD ? Xfrm.MSG_NEWPOLICY : Xfrm.MSG_UPDPOLICY,
                0, XfrmMapping.policyBody(policy)), Optional.empty());
        return reply(m, SadbMapping.policyExtensions(policy));
    }

    /** The policy of an X_SPDADD, X_SPDUPDATE or X_SPDDELETE, refused where af_key refuses it. */
    private static PolicySpec policySpec(SadbMessage m) throws PfKeyException {
        Optional<PolicyExtension> x = m.extension(SadbExtensionType.X_POLICY, PolicyExtension.class);
        if (x.isEmpty() || x.get().direction() < Sadb.DIR_INBOUND || x.get().direction() > Sadb.DIR_FWD
                || x.get().policyType() > Sadb.POLICY_IPSEC) {
            throw new PfKeyException(m.type(), Errno.EINVAL);
        }
        try {
            return SadbMapping.kernelPolicy(m).spec();
        } catch (PfKeyException e) {
            throw new PfKeyException(m.type(), Errno.EINVAL);
        }
    }

    /**
     * af_key's reading of levels: "use" is an optional template without a reqid, "unique" keeps a
     * reqid typed by hand and otherwise gets one of its own above the manual range (the first that
     * no policy holds, as a fresh kernel picks), anything else requires an SA of any reqid.
     */
    private PolicySpec withReqids(PolicySpec p) throws IOException {
        boolean generate = p.requests().stream().anyMatch(r -> r.level() == IpsecLevel.UNIQUE
                && (r.reqid() == 0 || r.reqid() > MANUAL_REQID_MAX));
        return new PolicySpec(p.selector(), p.direction(), p.action(),
                reqids(p.requests(), generate ? reqidsInUse() : Set.of()), p.priority());
    }

    private Set<Integer> reqidsInUse() throws IOException {
        Set<Integer> used = new HashSet<>();
        for (NetlinkMessage entry : dumpAll(SadbMessage.request(SadbMessageType.X_SPDDUMP, 0, List.of()),
                Xfrm.MSG_GETPOLICY, Xfrm.MSG_NEWPOLICY)) {
            try {
                for (XfrmTemplate t : templates(entry.bodyBuffer())) {
                    used.add(t.reqid());
                }
            } catch (NetlinkDecodeException e) {
                throw new PfKeyException(SadbMessageType.X_SPDDUMP, "kernel answer does not decode: " + e.getMessage());
            }
        }
        return used;
    }

    private static List<IpsecRequest> reqids(List<IpsecRequest> requests, Set<Integer> used) {
        Set<Integer> taken = new HashSet<>(used);
        List<IpsecRequest> out = new ArrayList<>();
        for (IpsecRequest r : requests) {
            int reqid = 0;
            if (r.level() == IpsecLevel.UNIQUE) {
                reqid = r.reqid() > 0 && r.reqid() <= MANUAL_REQID_MAX ? r.reqid() : free(taken);
                taken.add(reqid);
            }
            out.add(r.withReqid(reqid));
        }
        return out;
    }

    private static int free(Set<Integer> taken) {
        int reqid = MANUAL_REQID_MAX + 1;
        while (taken.contains(reqid)) {
            reqid++;
        }
        return reqid;
    }

    private static List<XfrmTemplate> templates(ByteBuffer body) throws NetlinkDecodeException {
        Optional<NetlinkAttribute> tmpl = NetlinkAttribute.find(
                XfrmMapping.attributesAfter(body, Xfrm.SIZEOF_USERPOLICY_INFO), Xfrm.XFRMA_TMPL);
        return tmpl.isPresent() ? XfrmTemplate.decodeAll(tmpl.get().valueBuffer()) : List.of();
    }

    /** Every SPD entry as af_key's pfkey_xfrm_policy2msg writes it, with the kernel's index as id. */
    private List<SadbMessage> dumpPolicy(SadbMessage m) throws IOException {
        List<SadbMessage> out = new ArrayList<>();
        for (NetlinkMessage entry : dumpAll(m, Xfrm.MSG_GETPOLICY, Xfrm.MSG_NEWPOLICY)) {
            ByteBuffer body = entry.bodyBuffer();
            try {
                Optional<KernelPolicy> policy = XfrmMapping.kernelPolicy(body);
                if (policy.isEmpty()) {
                    continue;
                }
                XfrmLifetimes lifetimes = XfrmLifetimes.decode(body.duplicate().order(body.order()).position(POLICY_LIFETIMES));
                Lifetime current = XfrmLifetimes.decodeCurrent(body.duplicate().order(body.order()).position(POLICY_CURRENT));
                List<SadbExtension> ext = new ArrayList<>();
                for (SadbExtension e : SadbMapping.policyExtensions(policy.get().spec())) {
                    ext.add(e instanceof PolicyExtension p
                            ? new PolicyExtension(p.policyType(), p.direction(), policy.get().id(), p.priority(), p.requests())
                            : e);
                }
                ext.add(lifetime(SadbExtensionType.LIFETIME_HARD, lifetimes.hard()));
                ext.add(lifetime(SadbExtensionType.LIFETIME_SOFT, lifetimes.soft()));
                ext.add(lifetime(SadbExtensionType.LIFETIME_CURRENT, current));
                out.add(new SadbMessage(SadbMessageType.X_SPDDUMP, 0, Sadb.SATYPE_UNSPEC, 0, 0, ext));
            } catch (NetlinkDecodeException e) {
                throw new PfKeyException(m.type(), "kernel answer does not decode: " + e.getMessage());
            }
        }
        return out;
    }

    // ---- common

    private static LifetimeExtension lifetime(SadbExtensionType type, Lifetime l) {
        return new LifetimeExtension(type, (int) Math.min(l.allocations(), 0xffffffffL), l.bytes(), l.addSeconds(),
                l.useSeconds());
    }

    private SadbMessage reply(SadbMessage request, List<SadbExtension> extensions) {
        return new SadbMessage(request.type(), 0, request.saType(), request.sequence(), pid, extensions);
    }

    private void netlink(SadbMessage request, NetlinkMessage m, Optional<SaSpec> sa) throws IOException {
        try {
            client.acknowledged(m);
        } catch (NetlinkException e) {
            throw refusal(request, e, sa);
        }
    }

    private List<NetlinkMessage> dumpAll(SadbMessage request, int type, int replyType) throws IOException {
        try {
            return client.dump(NetlinkMessage.request(type, 0, new byte[0]), replyType);
        } catch (NetlinkException e) {
            throw refusal(request, e, Optional.empty());
        }
    }

    /** The kernel's errno as PF_KEY would carry it, with what XFRM adds (the missing protocol support). */
    private static PfKeyException refusal(SadbMessage request, NetlinkException e, Optional<SaSpec> sa) {
        if (e.errno() == 0) {
            return new PfKeyException(request.type(), e.getMessage());
        }
        String detail = sa.flatMap(s -> XfrmKernel.missingSupport(e, s)).map(d -> ": " + d).orElse("");
        return new PfKeyException(request.type(), e.errno(), e.getMessage() + detail);
    }
}
