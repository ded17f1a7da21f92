package org.jracoon.ike.engine;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.KernelException;
import org.jracoon.ike.kernel.KernelIpsec;
import org.jracoon.ike.kernel.KernelListener;
import org.jracoon.ike.kernel.KernelOperation;
import org.jracoon.ike.kernel.KernelPolicy;
import org.jracoon.ike.kernel.KernelSa;
import org.jracoon.ike.kernel.Lifetime;
import org.jracoon.ike.kernel.PolicyDirection;
import org.jracoon.ike.kernel.PolicySpec;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.SaState;
import org.jracoon.ike.kernel.TrafficSelector;

/**
 * The part of a kernel the engine uses, recorded: GETSPI hands out SPIs counting up from a
 * base (so each side's are recognisable), UPDATE/ADD/DELETE are kept in order, and so are the
 * SPDUPDATEs and SPDDELETEs of generated policies; the SAD dump shows what that left, and a
 * policy lookup finds the administrator's policies and the generated ones. The rest of the SPD
 * is not the engine's business and refuses.
 */
final class FakeKernel implements KernelIpsec {

    final List<SaId> reserved = new ArrayList<>();
    final List<SaSpec> updated = new ArrayList<>();
    final List<SaSpec> added = new ArrayList<>();
    final List<SaId> deleted = new ArrayList<>();
    /** The SPD as an administrator loaded it (setkey), for the engine's lookups. */
    final List<PolicySpec> policies = new ArrayList<>();
    final List<PolicySpec> policiesUpdated = new ArrayList<>();
    final List<String> policiesDeleted = new ArrayList<>();
    private final Map<SaId, Long> counted = new HashMap<>();
    private int nextSpi;

    FakeKernel(int spiBase) {
        this.nextSpi = spiBase;
    }

    /** Pins the next SPI GETSPI hands out (to replay a recorded exchange). */
    void nextSpi(int spi) {
        nextSpi = spi;
    }

    @Override
    public int getSpi(IpsecProtocol protocol, InetAddress source, InetAddress destination, IpsecMode mode, int reqid,
            int minSpi, int maxSpi, int sequence) {
        int spi = nextSpi++;
        reserved.add(new SaId(protocol, source, destination, spi));
        return spi;
    }

    @Override
    public void updateSa(SaSpec sa) throws KernelException {
        if (!reserved.contains(sa.id())) {
            throw new KernelException(KernelOperation.UPDATE, sa.id().toString(), 3, "No such process");
        }
        updated.add(sa);
    }

    @Override
    public void addSa(SaSpec sa) {
        added.add(sa);
    }

    @Override
    public void deleteSa(SaId sa) {
        deleted.add(sa);
    }

    /** Everything the engine has asked of this kernel so far, to compare before and after an input. */
    record State(List<SaId> reserved, List<SaSpec> updated, List<SaSpec> added, List<SaId> deleted) {
    }

    State state() {
        return new State(List.copyOf(reserved), List.copyOf(updated), List.copyOf(added), List.copyOf(deleted));
    }

    /** SAs installed (UPDATE and ADD) and not deleted since. */
    List<SaSpec> installed() {
        List<SaSpec> all = new ArrayList<>(updated);
        all.addAll(added);
        all.removeIf(s -> deleted.contains(s.id()));
        return all;
    }

    /** The kernel counted {@code bytes} more on this SA, as traffic through it would. */
    void traffic(SaId sa, long bytes) {
        counted.merge(sa, bytes, Long::sum);
    }

    /** An installed SA, with the bytes {@link #traffic} counted on it as its current lifetime. */
    @Override
    public Optional<KernelSa> getSa(SaId sa) {
        return installed().stream().filter(s -> s.id().equals(sa)).findFirst()
                .map(s -> new KernelSa(s, SaState.MATURE, new Lifetime(0, counted.getOrDefault(sa, 0L), 0, 0)));
    }

    @Override
    public void flushSa() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void flushSa(IpsecProtocol protocol) {
        throw new UnsupportedOperationException();
    }

    /** The installed SAs (MATURE), then the SPIs reserved and not yet completed (LARVAL). */
    @Override
    public List<KernelSa> dumpSa() {
        List<KernelSa> all = new ArrayList<>();
        installed().forEach(s -> all.add(new KernelSa(s, SaState.MATURE, Lifetime.NONE)));
        reserved.stream().filter(id -> !deleted.contains(id) && updated.stream().noneMatch(s -> s.id().equals(id)))
                .forEach(id -> all.add(new KernelSa(SaSpec.builder(id).build(), SaState.LARVAL, Lifetime.NONE)));
        return all;
    }

    @Override
    public KernelPolicy addPolicy(PolicySpec policy) {
        throw new UnsupportedOperationException();
    }

    @Override
    public KernelPolicy updatePolicy(PolicySpec policy) {
        policiesUpdated.add(policy);
        return new KernelPolicy(policiesUpdated.size(), policy);
    }

    /** Recorded as "DIRECTION selector". */
    @Override
    public void deletePolicy(TrafficSelector selector, PolicyDirection direction) {
        policiesDeleted.add(direction + " " + selector);
    }

    @Override
    public void deletePolicy(int policyId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<KernelPolicy> getPolicy(int policyId) {
        throw new UnsupportedOperationException();
    }

    /** The policies {@link #policies} holds (the administrator's) and those generated since, by selector. */
    @Override
    public Optional<KernelPolicy> getPolicy(TrafficSelector selector, PolicyDirection direction) {
        List<PolicySpec> all = new ArrayList<>(policies);
        all.addAll(policiesUpdated);
        for (int i = 0; i < all.size(); i++) {
            PolicySpec p = all.get(i);
            if (p.selector().equals(selector) && p.direction() == direction) {
                return Optional.of(new KernelPolicy(i + 1, p));
            }
        }
        return Optional.empty();
    }

    @Override
    public void flushPolicy() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<KernelPolicy> dumpPolicy() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void register(IpsecProtocol protocol) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addListener(KernelListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeListener(KernelListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
