package org.jracoon.pfkey;

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
import org.jracoon.pfkey.message.AddressExtension;
import org.jracoon.pfkey.message.LifetimeExtension;
import org.jracoon.pfkey.message.PolicyExtension;
import org.jracoon.pfkey.message.Sa2Extension;
import org.jracoon.pfkey.message.SaExtension;
import org.jracoon.pfkey.message.Sadb;
import org.jracoon.pfkey.message.SadbExtension;
import org.jracoon.pfkey.message.SadbExtensionType;
import org.jracoon.pfkey.message.SadbMessage;
import org.jracoon.pfkey.message.SadbMessageType;
import org.jracoon.pfkey.message.SpiRangeExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.jracoon.pfkey.message.SadbExtensionType.ADDRESS_DST;
import static org.jracoon.pfkey.message.SadbExtensionType.ADDRESS_SRC;

/** {@link KernelIpsec} over a PF_KEY v2 socket (RFC 2367 with the KAME/Linux extensions). */
public final class PfKeyKernel implements KernelIpsec {
    private static final Logger LOG = LoggerFactory.getLogger(PfKeyKernel.class);

    private final PfKeyClient client;
    private final List<KernelListener> listeners = new CopyOnWriteArrayList<>();

    private PfKeyKernel(PfKeyClient client) {
        this.client = client;
        client.addListener(this::onMessage);
    }

    public static PfKeyKernel open() throws IOException {
        return new PfKeyKernel(PfKeyClient.open());
    }

    /** Over a client opened elsewhere (its timeout, its socket); closing this kernel closes it. */
    public static PfKeyKernel over(PfKeyClient client) {
        return new PfKeyKernel(client);
    }

    @Override
    public int getSpi(IpsecProtocol protocol, InetAddress source, InetAddress destination, IpsecMode mode, int reqid,
                      int minSpi, int maxSpi, int sequence) throws KernelException {
        String subject = protocol.name().toLowerCase(Locale.ROOT) + " " + source.getHostAddress() + "->"
                + destination.getHostAddress();
        SadbMessage request = new SadbMessage(SadbMessageType.GETSPI, 0, SadbMapping.saType(protocol), sequence, 0, List.of(
                new Sa2Extension(SadbMapping.mode(mode), 0, reqid),
                AddressExtension.host(ADDRESS_SRC, source), AddressExtension.host(ADDRESS_DST, destination),
                new SpiRangeExtension(minSpi, maxSpi)));
        SadbMessage reply = call(KernelOperation.GETSPI, subject, request);
        return reply.extension(SadbExtensionType.SA, SaExtension.class)
                .orElseThrow(() -> new KernelException(KernelOperation.GETSPI, subject, 0, "reply without an SA extension"))
                .spi();
    }

    @Override
    public void updateSa(SaSpec sa) throws KernelException {
        call(KernelOperation.UPDATE, sa.id().toString(), SadbMessage.request(SadbMessageType.UPDATE,
                SadbMapping.saType(sa.id().protocol()), SadbMapping.saExtensions(sa)));
    }

    @Override
    public void addSa(SaSpec sa) throws KernelException {
        call(KernelOperation.ADD, sa.id().toString(), SadbMessage.request(SadbMessageType.ADD,
                SadbMapping.saType(sa.id().protocol()), SadbMapping.saExtensions(sa)));
    }

    @Override
    public void deleteSa(SaId sa) throws KernelException {
        call(KernelOperation.DELETE, sa.toString(), SadbMessage.request(SadbMessageType.DELETE,
                SadbMapping.saType(sa.protocol()), SadbMapping.saIdExtensions(sa)));
    }

    @Override
    public Optional<KernelSa> getSa(SaId sa) throws KernelException {
        return find(KernelOperation.GET, sa.toString(), SadbMessage.request(SadbMessageType.GET,
                SadbMapping.saType(sa.protocol()), SadbMapping.saIdExtensions(sa)), SadbMapping::kernelSa);
    }

    @Override
    public void flushSa() throws KernelException {
        call(KernelOperation.FLUSH, "all SAs", SadbMessage.request(SadbMessageType.FLUSH, Sadb.SATYPE_UNSPEC, List.of()));
    }

    @Override
    public void flushSa(IpsecProtocol protocol) throws KernelException {
        call(KernelOperation.FLUSH, protocol.name().toLowerCase(Locale.ROOT) + " SAs",
                SadbMessage.request(SadbMessageType.FLUSH, SadbMapping.saType(protocol), List.of()));
    }

    @Override
    public List<KernelSa> dumpSa() throws KernelException {
        try {
            return SadbMapping.mapAll(client.dump(SadbMessage.request(SadbMessageType.DUMP, Sadb.SATYPE_UNSPEC, List.of())),
                    SadbMapping::kernelSa);
        } catch (IOException e) {
            throw failure(KernelOperation.DUMP, "all SAs", e);
        }
    }

    @Override
    public KernelPolicy addPolicy(PolicySpec policy) throws KernelException {
        return putPolicy(KernelOperation.SPDADD, SadbMessageType.X_SPDADD, policy);
    }

    @Override
    public KernelPolicy updatePolicy(PolicySpec policy) throws KernelException {
        return putPolicy(KernelOperation.SPDUPDATE, SadbMessageType.X_SPDUPDATE, policy);
    }

    private KernelPolicy putPolicy(KernelOperation op, SadbMessageType type, PolicySpec policy) throws KernelException {
        String subject = describe(policy.selector(), policy.direction());
        SadbMessage reply = call(op, subject, SadbMessage.request(type, Sadb.SATYPE_UNSPEC, SadbMapping.policyExtensions(policy)));
        try {
            return SadbMapping.kernelPolicy(reply);
        } catch (PfKeyException e) {
            throw failure(op, subject, e);
        }
    }

    @Override
    public void deletePolicy(TrafficSelector selector, PolicyDirection direction) throws KernelException {
        List<SadbExtension> ext = new ArrayList<>(SadbMapping.selectorExtensions(selector));
        ext.add(new PolicyExtension(Sadb.POLICY_IPSEC, SadbMapping.direction(direction), 0, 0, List.of()));
        call(KernelOperation.SPDDELETE, describe(selector, direction),
                SadbMessage.request(SadbMessageType.X_SPDDELETE, Sadb.SATYPE_UNSPEC, ext));
    }

    @Override
    public void deletePolicy(int policyId) throws KernelException {
        call(KernelOperation.SPDDELETE2, "policy id " + policyId, policyById(SadbMessageType.X_SPDDELETE2, policyId));
    }

    @Override
    public Optional<KernelPolicy> getPolicy(int policyId) throws KernelException {
        return find(KernelOperation.SPDGET, "policy id " + policyId, policyById(SadbMessageType.X_SPDGET, policyId),
                SadbMapping::kernelPolicy);
    }

    @Override
    public Optional<KernelPolicy> getPolicy(TrafficSelector selector, PolicyDirection direction) throws KernelException {
        return dumpPolicy().stream().filter(p -> p.spec().selector().equals(selector)
                && p.spec().direction() == direction).findFirst();
    }

    /** The kernel finds a policy by id alone; the direction is encoded in the id's low bits. */
    private static SadbMessage policyById(SadbMessageType type, int policyId) {
        return SadbMessage.request(type, Sadb.SATYPE_UNSPEC,
                List.of(new PolicyExtension(Sadb.POLICY_IPSEC, Sadb.DIR_ANY, policyId, 0, List.of())));
    }

    @Override
    public void flushPolicy() throws KernelException {
        call(KernelOperation.SPDFLUSH, "all policies", SadbMessage.request(SadbMessageType.X_SPDFLUSH, Sadb.SATYPE_UNSPEC, List.of()));
    }

    @Override
    public List<KernelPolicy> dumpPolicy() throws KernelException {
        try {
            // per-socket policies (in(socket), out(socket): the IKE sockets' bypass) come in the
            // dump too, but belong to their sockets, not to the SPD; the XFRM backend leaves them out as well
            List<SadbMessage> spd = client.dump(SadbMessage.request(SadbMessageType.X_SPDDUMP, Sadb.SATYPE_UNSPEC,
                    List.of())).stream().filter(m -> m.extension(SadbExtensionType.X_POLICY, PolicyExtension.class)
                    .map(p -> p.direction() <= Sadb.DIR_FWD).orElse(true)).toList();
            return SadbMapping.mapAll(spd, SadbMapping::kernelPolicy);
        } catch (IOException e) {
            throw failure(KernelOperation.SPDDUMP, "all policies", e);
        }
    }

    @Override
    public void register(IpsecProtocol protocol) throws KernelException {
        call(KernelOperation.REGISTER, protocol.name().toLowerCase(Locale.ROOT),
                SadbMessage.request(SadbMessageType.REGISTER, SadbMapping.saType(protocol), List.of()));
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

    private SadbMessage call(KernelOperation op, String subject, SadbMessage request) throws KernelException {
        try {
            return client.call(request);
        } catch (IOException e) {
            throw failure(op, subject, e);
        }
    }

    /** A lookup: the kernel answers ESRCH (SAs) or ENOENT (policies) when there is nothing to find. */
    private <T> Optional<T> find(KernelOperation op, String subject, SadbMessage request, SadbMapping.Mapper<T> mapper)
            throws KernelException {
        try {
            return Optional.of(mapper.map(client.call(request)));
        } catch (PfKeyException e) {
            if (e.errno() == Errno.ESRCH || e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw failure(op, subject, e);
        } catch (IOException e) {
            throw failure(op, subject, e);
        }
    }

    private static KernelException failure(KernelOperation op, String subject, IOException e) {
        if (e instanceof PfKeyException p && p.errno() != 0) {
            return new KernelException(op, subject, p.errno(), p.reason());
        }
        return new KernelException(op, subject, e instanceof PfKeyException p ? p.reason() : e.getMessage(), e);
    }

    private static String describe(TrafficSelector selector, PolicyDirection direction) {
        return selector + " " + direction.name().toLowerCase(Locale.ROOT);
    }

    private void onMessage(SadbMessage m) {
        Optional<KernelEvent> event;
        try {
            event = event(m);
        } catch (PfKeyException e) {
            LOG.warn("PF_KEY: ignoring {} the daemon cannot read: {}", m.type(), e.getMessage());
            return;
        }
        event.ifPresent(e -> listeners.forEach(l -> l.onEvent(e)));
    }

    /** Our own changes come back as broadcasts too; only those of others are events. */
    private Optional<KernelEvent> event(SadbMessage m) throws PfKeyException {
        boolean ours = m.pid() == client.pid();
        return switch (m.type()) {
            case ACQUIRE -> Optional.of(new KernelEvent.Acquire(m.sequence(),
                    SadbMapping.protocolOfSaType(m.saType()).orElseThrow(() -> new PfKeyException(m.type(), "SA type " + m.saType())),
                    SadbMapping.need(m, ADDRESS_SRC, AddressExtension.class).address(),
                    SadbMapping.need(m, ADDRESS_DST, AddressExtension.class).address(),
                    m.extension(SadbExtensionType.X_POLICY, PolicyExtension.class).map(PolicyExtension::id).orElse(0)));
            case EXPIRE -> Optional.of(new KernelEvent.Expire(SadbMapping.saId(m),
                    m.extension(SadbExtensionType.LIFETIME_HARD).isPresent(),
                    SadbMapping.lifetime(m.extension(SadbExtensionType.LIFETIME_CURRENT, LifetimeExtension.class))));
            case ADD, UPDATE, DELETE -> ours ? Optional.empty() : Optional.of(new KernelEvent.SaChanged(
                    KernelOperation.valueOf(m.type().name()), Optional.of(SadbMapping.saId(m))));
            case FLUSH -> ours ? Optional.empty()
                    : Optional.of(new KernelEvent.SaChanged(KernelOperation.FLUSH, Optional.empty()));
            case X_SPDADD, X_SPDUPDATE, X_SPDDELETE, X_SPDDELETE2 -> ours ? Optional.empty() : Optional.of(
                    new KernelEvent.PolicyChanged(KernelOperation.valueOf(m.type().name().substring(2)),
                            Optional.of(SadbMapping.kernelPolicy(m))));
            case X_SPDEXPIRE -> Optional.of(new KernelEvent.PolicyChanged(KernelOperation.SPDDELETE,
                    Optional.of(SadbMapping.kernelPolicy(m))));
            case X_SPDFLUSH -> ours ? Optional.empty()
                    : Optional.of(new KernelEvent.PolicyChanged(KernelOperation.SPDFLUSH, Optional.empty()));
            default -> Optional.empty();
        };
    }
}
