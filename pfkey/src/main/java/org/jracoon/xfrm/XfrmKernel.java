package org.jracoon.xfrm;

import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.KernelEvent;
import org.jracoon.ike.kernel.KernelException;
import org.jracoon.ike.kernel.KernelIpsec;
import org.jracoon.ike.kernel.KernelListener;
import org.jracoon.ike.kernel.KernelOperation;
import org.jracoon.ike.kernel.KernelPolicy;
import org.jracoon.ike.kernel.KernelSa;
import org.jracoon.ike.kernel.PolicyDirection;
import org.jracoon.ike.kernel.PolicySpec;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.pfkey.Errno;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link KernelIpsec} over NETLINK_XFRM, for kernels built without PF_KEY (AF_KEY). The SAD and
 * SPD are the same ones PF_KEY shows, so either backend reads what the other installed; policy ids
 * are the kernel's policy indexes in both.
 */
public final class XfrmKernel implements KernelIpsec {
    private static final Logger LOG = LoggerFactory.getLogger(XfrmKernel.class);
    private static final int EPROTONOSUPPORT = 93;
    private static final int ENOSYS = 38;
    /** The low bits of a policy index are its direction (the kernel's xfrm_policy_id2dir). */
    private static final int INDEX_DIRECTION_MASK = 7;
    /** {@code sizeof(struct xfrm_user_polexpire)}: the policy, the hard flag, padding. */
    private static final int POLEXPIRE_LENGTH = 176;

    private final XfrmClient client;
    private final List<KernelListener> listeners = new CopyOnWriteArrayList<>();
    /** Protocols whose ACQUIREs and EXPIREs were asked for, as PF_KEY's REGISTER does. */
    private final Set<IpsecProtocol> registered = ConcurrentHashMap.newKeySet();

    private XfrmKernel(XfrmClient client) {
        this.client = client;
        client.addListener(this::onMessage);
    }

    public static XfrmKernel open() throws IOException {
        return open(XfrmClient.DEFAULT_TIMEOUT);
    }

    /** Opens the socket and joins the SA and policy change groups. */
    public static XfrmKernel open(Duration timeout) throws IOException {
        XfrmClient client = XfrmClient.open(timeout);
        try {
            client.joinGroup(Xfrm.GROUP_SA);
            client.joinGroup(Xfrm.GROUP_POLICY);
        } catch (IOException e) {
            client.close();
            throw e;
        }
        return new XfrmKernel(client);
    }

    @Override
    public int getSpi(IpsecProtocol protocol, InetAddress source, InetAddress destination, IpsecMode mode, int reqid,
                      int minSpi, int maxSpi, int sequence) throws KernelException {
        String subject = protocol.name().toLowerCase(Locale.ROOT) + " " + source.getHostAddress() + "->"
                + destination.getHostAddress();
        NetlinkMessage request = NetlinkMessage.request(Xfrm.MSG_ALLOCSPI, 0,
                XfrmMapping.allocSpiBody(protocol, source, destination, mode, reqid, minSpi, maxSpi, sequence));
        try {
            // The answer is the reserved SA, as GETSA would show it.
            return XfrmSaInfo.decode(client.call(request, Xfrm.MSG_NEWSA).bodyBuffer()).spi();
        } catch (NetlinkDecodeException e) {
            throw undecodable(KernelOperation.GETSPI, subject, e);
        } catch (IOException e) {
            throw failure(KernelOperation.GETSPI, subject, e);
        }
    }

    @Override
    public void updateSa(SaSpec sa) throws KernelException {
        putSa(KernelOperation.UPDATE, Xfrm.MSG_UPDSA, sa);
    }

    @Override
    public void addSa(SaSpec sa) throws KernelException {
        putSa(KernelOperation.ADD, Xfrm.MSG_NEWSA, sa);
    }

    private void putSa(KernelOperation op, int type, SaSpec sa) throws KernelException {
        byte[] body;
        try {
            body = XfrmMapping.saBody(sa);
        } catch (IllegalArgumentException e) {
            throw new KernelException(op, sa.id().toString(), 0, e.getMessage());
        }
        try {
            client.acknowledged(NetlinkMessage.request(type, 0, body));
        } catch (NetlinkException e) {
            Optional<String> missing = missingSupport(e, sa);
            if (missing.isPresent()) {
                throw new KernelException(op, sa.id().toString(), e.errno(), e.getMessage() + ": " + missing.get());
            }
            throw failure(op, sa.id().toString(), e);
        } catch (IOException e) {
            throw failure(op, sa.id().toString(), e);
        }
    }

    /**
     * What a refused SA lacks in this kernel, when XFRM's answer says so: EPROTONOSUPPORT when the
     * kernel has XFRM but not the protocol's transform (named with its option and module), ENOSYS
     * when it has no crypto transform for one of the SA's algorithms (the kernel's message says
     * which kind: "Requested CRYPT algorithm not found").
     */
    static Optional<String> missingSupport(NetlinkException e, SaSpec sa) {
        if (e.errno() == ENOSYS) {
            String said = e.kernelMessage().orElse("");
            String algorithm = said.contains("CRYPT") || said.contains("AEAD") ? XfrmMapping.linuxName(sa.encryption())
                    : said.contains("AUTH") ? XfrmMapping.linuxName(sa.integrity())
                    : said.contains("COMP") ? XfrmMapping.linuxName(sa.compression())
                    : sa.encryption() + "/" + sa.integrity() + "/" + sa.compression();
            return Optional.of("this kernel has no " + algorithm + " (its crypto module is not built or not loaded)");
        }
        if (e.errno() != EPROTONOSUPPORT) {
            return Optional.empty();
        }
        boolean v6 = sa.id().destination().getAddress().length == 16;
        String option = switch (sa.id().protocol()) {
            case ESP -> v6 ? "CONFIG_INET6_ESP, module esp6" : "CONFIG_INET_ESP, module esp4";
            case AH -> v6 ? "CONFIG_INET6_AH, module ah6" : "CONFIG_INET_AH, module ah4";
            case IPCOMP -> v6 ? "CONFIG_INET6_IPCOMP, module ipcomp6" : "CONFIG_INET_IPCOMP, module ipcomp";
        };
        return Optional.of("this kernel has no " + sa.id().protocol() + " support (" + option + ")");
    }

    @Override
    public void deleteSa(SaId sa) throws KernelException {
        acknowledged(KernelOperation.DELETE, sa.toString(), NetlinkMessage.request(Xfrm.MSG_DELSA, 0, XfrmMapping.saIdBody(sa)));
    }

    @Override
    public Optional<KernelSa> getSa(SaId sa) throws KernelException {
        Optional<NetlinkMessage> reply = find(KernelOperation.GET, sa.toString(),
                NetlinkMessage.request(Xfrm.MSG_GETSA, 0, XfrmMapping.saIdBody(sa)), Xfrm.MSG_NEWSA, Errno.ESRCH);
        if (reply.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(XfrmMapping.kernelSa(reply.get().bodyBuffer(), nowSeconds()));
        } catch (NetlinkDecodeException e) {
            throw undecodable(KernelOperation.GET, sa.toString(), e);
        }
    }

    @Override
    public void flushSa() throws KernelException {
        acknowledged(KernelOperation.FLUSH, "all SAs", NetlinkMessage.request(Xfrm.MSG_FLUSHSA, 0, XfrmMapping.flushBody(0)));
    }

    @Override
    public void flushSa(IpsecProtocol protocol) throws KernelException {
        acknowledged(KernelOperation.FLUSH, protocol.name().toLowerCase(Locale.ROOT) + " SAs",
                NetlinkMessage.request(Xfrm.MSG_FLUSHSA, 0, XfrmMapping.flushBody(protocol.ipProtocol())));
    }

    @Override
    public List<KernelSa> dumpSa() throws KernelException {
        long now = nowSeconds();
        return dump(KernelOperation.DUMP, "all SAs", Xfrm.MSG_GETSA, Xfrm.MSG_NEWSA,
                body -> Optional.of(XfrmMapping.kernelSa(body, now)));
    }

    @Override
    public KernelPolicy addPolicy(PolicySpec policy) throws KernelException {
        return putPolicy(KernelOperation.SPDADD, Xfrm.MSG_NEWPOLICY, policy);
    }

    @Override
    public KernelPolicy updatePolicy(PolicySpec policy) throws KernelException {
        return putPolicy(KernelOperation.SPDUPDATE, Xfrm.MSG_UPDPOLICY, policy);
    }

    /** XFRM acknowledges without the index it gave the policy: it is read back by selector and direction. */
    private KernelPolicy putPolicy(KernelOperation op, int type, PolicySpec policy) throws KernelException {
        String subject = describe(policy.selector(), policy.direction());
        acknowledged(op, subject, NetlinkMessage.request(type, 0, XfrmMapping.policyBody(policy)));
        byte[] id = XfrmMapping.policyIdBody(XfrmMapping.selector(policy.selector()), 0,
                XfrmMapping.direction(policy.direction()));
        return readPolicy(op, subject, id).orElseThrow(
                () -> new KernelException(op, subject, 0, "the kernel acknowledged the policy but does not show it"));
    }

    @Override
    public void deletePolicy(TrafficSelector selector, PolicyDirection direction) throws KernelException {
        acknowledged(KernelOperation.SPDDELETE, describe(selector, direction), NetlinkMessage.request(Xfrm.MSG_DELPOLICY, 0,
                XfrmMapping.policyIdBody(XfrmMapping.selector(selector), 0, XfrmMapping.direction(direction))));
    }

    @Override
    public void deletePolicy(int policyId) throws KernelException {
        acknowledged(KernelOperation.SPDDELETE2, "policy id " + policyId,
                NetlinkMessage.request(Xfrm.MSG_DELPOLICY, 0, policyById(policyId)));
    }

    @Override
    public Optional<KernelPolicy> getPolicy(int policyId) throws KernelException {
        return readPolicy(KernelOperation.SPDGET, "policy id " + policyId, policyById(policyId));
    }

    @Override
    public Optional<KernelPolicy> getPolicy(TrafficSelector selector, PolicyDirection direction) throws KernelException {
        return readPolicy(KernelOperation.SPDGET, describe(selector, direction), XfrmMapping.policyIdBody(
                XfrmMapping.selector(selector), 0, XfrmMapping.direction(direction)));
    }

    private Optional<KernelPolicy> readPolicy(KernelOperation op, String subject, byte[] policyId) throws KernelException {
        Optional<NetlinkMessage> reply = find(op, subject, NetlinkMessage.request(Xfrm.MSG_GETPOLICY, 0, policyId),
                Xfrm.MSG_NEWPOLICY, Errno.ENOENT);
        if (reply.isEmpty()) {
            return Optional.empty();
        }
        try {
            return XfrmMapping.kernelPolicy(reply.get().bodyBuffer());
        } catch (NetlinkDecodeException e) {
            throw undecodable(op, subject, e);
        }
    }

    /** The kernel finds a policy by index alone, given the direction encoded in it. */
    private static byte[] policyById(int policyId) {
        return XfrmMapping.policyIdBody(XfrmSelector.NONE, policyId, policyId & INDEX_DIRECTION_MASK);
    }

    @Override
    public void flushPolicy() throws KernelException {
        acknowledged(KernelOperation.SPDFLUSH, "all policies", NetlinkMessage.request(Xfrm.MSG_FLUSHPOLICY, 0, new byte[0]));
    }

    /** Every SPD entry; per-socket policies (such as IKE sockets' bypass) are not in PF_KEY's dump either. */
    @Override
    public List<KernelPolicy> dumpPolicy() throws KernelException {
        return dump(KernelOperation.SPDDUMP, "all policies", Xfrm.MSG_GETPOLICY, Xfrm.MSG_NEWPOLICY,
                XfrmMapping::kernelPolicy);
    }

    /** How a message body becomes a value; empty for one to leave out. */
    @FunctionalInterface
    private interface Decoder<T> {
        Optional<T> decode(ByteBuffer body) throws NetlinkDecodeException;
    }

    private <T> List<T> dump(KernelOperation op, String subject, int type, int replyType, Decoder<T> decoder)
            throws KernelException {
        List<T> out = new ArrayList<>();
        try {
            for (NetlinkMessage m : client.dump(NetlinkMessage.request(type, 0, new byte[0]), replyType)) {
                decoder.decode(m.bodyBuffer()).ifPresent(out::add);
            }
        } catch (NetlinkDecodeException e) {
            throw undecodable(op, subject, e);
        } catch (IOException e) {
            throw failure(op, subject, e);
        }
        return out;
    }

    /** XFRM has no REGISTER: joining the ACQUIRE and EXPIRE groups is what makes the kernel tell us. */
    @Override
    public void register(IpsecProtocol protocol) throws KernelException {
        try {
            client.joinGroup(Xfrm.GROUP_ACQUIRE);
            client.joinGroup(Xfrm.GROUP_EXPIRE);
        } catch (IOException e) {
            throw failure(KernelOperation.REGISTER, protocol.name().toLowerCase(Locale.ROOT), e);
        }
        registered.add(protocol);
    }

    @Override
    public void addListener(KernelListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(KernelListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        client.close();
    }

    private void acknowledged(KernelOperation op, String subject, NetlinkMessage request) throws KernelException {
        try {
            client.acknowledged(request);
        } catch (IOException e) {
            throw failure(op, subject, e);
        }
    }

    /** A lookup: the kernel answers {@code notFound} when there is nothing to find. */
    private Optional<NetlinkMessage> find(KernelOperation op, String subject, NetlinkMessage request, int replyType,
                                          int notFound) throws KernelException {
        try {
            return Optional.of(client.call(request, replyType));
        } catch (NetlinkException e) {
            if (e.errno() == notFound) {
                return Optional.empty();
            }
            throw failure(op, subject, e);
        } catch (IOException e) {
            throw failure(op, subject, e);
        }
    }

    private static KernelException failure(KernelOperation op, String subject, IOException e) {
        if (e instanceof NetlinkException n && n.errno() != 0) {
            return new KernelException(op, subject, n.errno(), n.getMessage());
        }
        return new KernelException(op, subject, e.getMessage(), e);
    }

    private static KernelException undecodable(KernelOperation op, String subject, NetlinkDecodeException e) {
        return new KernelException(op, subject, "kernel answer does not decode: " + e.getMessage(), e);
    }

    private static String describe(TrafficSelector selector, PolicyDirection direction) {
        return selector + " " + direction.name().toLowerCase(Locale.ROOT);
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    private void onMessage(NetlinkMessage m) {
        Optional<KernelEvent> event;
        try {
            event = event(m);
        } catch (NetlinkDecodeException e) {
            LOG.warn("XFRM: ignoring message type {} the daemon cannot read: {}", m.type(), e.getMessage());
            return;
        }
        event.ifPresent(e -> listeners.forEach(l -> l.onEvent(e)));
    }

    /** Our own changes come back as broadcasts too; only those of others are events. */
    private Optional<KernelEvent> event(NetlinkMessage m) throws NetlinkDecodeException {
        boolean ours = m.portId() == client.portId();
        ByteBuffer body = m.bodyBuffer();
        return switch (m.type()) {
            case Xfrm.MSG_ACQUIRE -> acquire(body);
            case Xfrm.MSG_EXPIRE -> {
                XfrmSaInfo info = XfrmSaInfo.decode(body);
                NetlinkDecodeException.require(body, 1, "xfrm_user_expire.hard");
                SaId id = XfrmMapping.saId(info);
                yield registered.contains(id.protocol())
                        ? Optional.of(new KernelEvent.Expire(id, body.get() != 0, info.current())) : Optional.empty();
            }
            case Xfrm.MSG_NEWSA, Xfrm.MSG_UPDSA -> ours ? Optional.empty() : Optional.of(new KernelEvent.SaChanged(
                    m.type() == Xfrm.MSG_NEWSA ? KernelOperation.ADD : KernelOperation.UPDATE,
                    Optional.of(XfrmMapping.saId(XfrmSaInfo.decode(body)))));
            case Xfrm.MSG_DELSA -> {
                // The deleted SA itself follows its xfrm_usersa_id as an XFRMA_SA attribute.
                NetlinkAttribute sa = NetlinkAttribute.find(XfrmMapping.attributesAfter(body, Xfrm.SIZEOF_USERSA_ID), Xfrm.XFRMA_SA)
                        .orElseThrow(() -> new NetlinkDecodeException("DELSA without XFRMA_SA"));
                yield ours ? Optional.empty() : Optional.of(new KernelEvent.SaChanged(KernelOperation.DELETE,
                        Optional.of(XfrmMapping.saId(XfrmSaInfo.decode(sa.valueBuffer())))));
            }
            case Xfrm.MSG_FLUSHSA -> ours ? Optional.empty()
                    : Optional.of(new KernelEvent.SaChanged(KernelOperation.FLUSH, Optional.empty()));
            case Xfrm.MSG_NEWPOLICY, Xfrm.MSG_UPDPOLICY -> ours ? Optional.empty() : XfrmMapping.kernelPolicy(body).map(p ->
                    new KernelEvent.PolicyChanged(m.type() == Xfrm.MSG_NEWPOLICY ? KernelOperation.SPDADD
                            : KernelOperation.SPDUPDATE, Optional.of(p)));
            case Xfrm.MSG_DELPOLICY -> {
                List<NetlinkAttribute> attributes = XfrmMapping.attributesAfter(body, Xfrm.SIZEOF_USERPOLICY_ID);
                NetlinkAttribute info = NetlinkAttribute.find(attributes, Xfrm.XFRMA_POLICY)
                        .orElseThrow(() -> new NetlinkDecodeException("DELPOLICY without XFRMA_POLICY"));
                yield ours ? Optional.empty() : XfrmMapping.kernelPolicy(XfrmPolicyInfo.decode(info.valueBuffer()), attributes)
                        .map(p -> new KernelEvent.PolicyChanged(KernelOperation.SPDDELETE, Optional.of(p)));
            }
            case Xfrm.MSG_POLEXPIRE -> {
                XfrmPolicyInfo info = XfrmPolicyInfo.decode(body);
                NetlinkDecodeException.require(body, 1, "xfrm_user_polexpire.hard");
                boolean hard = body.get() != 0;
                // Only a hard expiry removes the policy; PF_KEY reports that one as a deletion.
                yield hard ? XfrmMapping.kernelPolicy(info, XfrmMapping.attributesAfter(m.bodyBuffer(), POLEXPIRE_LENGTH))
                        .map(p -> new KernelEvent.PolicyChanged(KernelOperation.SPDDELETE, Optional.of(p))) : Optional.empty();
            }
            case Xfrm.MSG_FLUSHPOLICY -> ours ? Optional.empty()
                    : Optional.of(new KernelEvent.PolicyChanged(KernelOperation.SPDFLUSH, Optional.empty()));
            default -> Optional.empty();
        };
    }

    /**
     * {@code struct xfrm_user_acquire}: the SA wanted (id: daddr, spi, proto; saddr), the packet's
     * selector, the policy that asked (its index is the policy id), allowed algorithms, the sequence.
     */
    private Optional<KernelEvent> acquire(ByteBuffer body) throws NetlinkDecodeException {
        ByteBuffer b = XfrmWire.slice(body, Xfrm.SIZEOF_USER_ACQUIRE, "xfrm_user_acquire");
        int family = b.getShort(40 + 40) & 0xffff;
        InetAddress destination = XfrmWire.getAddress(b, family);
        XfrmWire.skip(b, 4);
        int protocol = XfrmWire.u8(b);
        XfrmWire.skip(b, 3);
        InetAddress source = XfrmWire.getAddress(b, family);
        XfrmWire.skip(b, Xfrm.SIZEOF_SELECTOR);
        XfrmPolicyInfo policy = XfrmPolicyInfo.decode(b);
        XfrmWire.skip(b, 12);
        int sequence = b.getInt();
        Optional<IpsecProtocol> p = XfrmMapping.protocolOfIp(protocol);
        if (p.isEmpty()) {
            throw new NetlinkDecodeException("ACQUIRE for IP protocol " + protocol);
        }
        return registered.contains(p.get())
                ? Optional.of(new KernelEvent.Acquire(sequence, p.get(), source, destination, policy.index()))
                : Optional.empty();
    }
}
