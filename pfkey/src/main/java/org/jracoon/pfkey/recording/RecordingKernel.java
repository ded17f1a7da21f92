package org.jracoon.pfkey.recording;

import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.KernelEvent;
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
import org.jracoon.pfkey.Errno;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link KernelIpsec} that keeps SAs and policies in memory and records every call, for tests
 * and {@code --dry-run}. It answers as the Linux kernel does where that matters to a caller: ADD
 * of an existing SA fails with EEXIST, UPDATE, DELETE of a missing one with ESRCH, GETSPI leaves
 * a LARVAL SA, policy ids carry the direction in their low bits. Events come only from
 * {@link #raise(KernelEvent)}.
 */
public final class RecordingKernel implements KernelIpsec {

    /** One call: the operation and the arguments it was given, in order. */
    public record Call(KernelOperation operation, List<Object> arguments) {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    private record PolicyKey(TrafficSelector selector, PolicyDirection direction) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final Map<SaId, KernelSa> sas = new LinkedHashMap<>();
    private final Map<PolicyKey, KernelPolicy> policies = new LinkedHashMap<>();
    private final Set<IpsecProtocol> registered = EnumSet.noneOf(IpsecProtocol.class);
    private final List<KernelListener> listeners = new CopyOnWriteArrayList<>();
    private int nextSpi;
    private int nextPolicyIndex = 1;

    /** Every call so far, oldest first. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized Set<IpsecProtocol> registered() {
        return Set.copyOf(registered);
    }

    /** Delivers an event to the listeners, as the kernel would (an ACQUIRE, an EXPIRE). */
    public void raise(KernelEvent event) {
        listeners.forEach(l -> l.onEvent(event));
    }

    private void record(KernelOperation operation, Object... arguments) {
        calls.add(new Call(operation, Arrays.asList(arguments)));
    }

    private static KernelException refused(KernelOperation operation, Object subject, int errno) {
        return new KernelException(operation, subject.toString(), errno, Errno.describe(errno));
    }

    @Override
    public synchronized int getSpi(IpsecProtocol protocol, InetAddress source, InetAddress destination, IpsecMode mode,
                                   int reqid, int minSpi, int maxSpi, int sequence) throws KernelException {
        record(KernelOperation.GETSPI, protocol, source, destination, mode, reqid, minSpi, maxSpi, sequence);
        // Unsigned range; hand out SPIs in order so that runs are repeatable.
        long lo = Integer.toUnsignedLong(minSpi);
        long span = Integer.toUnsignedLong(maxSpi) - lo + 1;
        for (long i = 0; i < span; i++) {
            int spi = (int) (lo + (Integer.toUnsignedLong(nextSpi) + i) % span);
            SaId id = new SaId(protocol, source, destination, spi);
            if (!sas.containsKey(id)) {
                nextSpi = (int) ((Integer.toUnsignedLong(nextSpi) + i + 1) % span);
                sas.put(id, new KernelSa(SaSpec.builder(id).mode(mode).reqid(reqid).build(), SaState.LARVAL, Lifetime.NONE));
                return spi;
            }
        }
        throw refused(KernelOperation.GETSPI, protocol + " " + source.getHostAddress() + "->" + destination.getHostAddress(),
                Errno.ENOENT);
    }

    @Override
    public synchronized void updateSa(SaSpec sa) throws KernelException {
        record(KernelOperation.UPDATE, sa);
        if (!sas.containsKey(sa.id())) {
            throw refused(KernelOperation.UPDATE, sa.id(), Errno.ESRCH);
        }
        sas.put(sa.id(), new KernelSa(sa, SaState.MATURE, Lifetime.NONE));
    }

    @Override
    public synchronized void addSa(SaSpec sa) throws KernelException {
        record(KernelOperation.ADD, sa);
        if (sas.containsKey(sa.id())) {
            throw refused(KernelOperation.ADD, sa.id(), Errno.EEXIST);
        }
        sas.put(sa.id(), new KernelSa(sa, SaState.MATURE, Lifetime.NONE));
    }

    @Override
    public synchronized void deleteSa(SaId sa) throws KernelException {
        record(KernelOperation.DELETE, sa);
        if (sas.remove(sa) == null) {
            throw refused(KernelOperation.DELETE, sa, Errno.ESRCH);
        }
    }

    @Override
    public synchronized Optional<KernelSa> getSa(SaId sa) {
        record(KernelOperation.GET, sa);
        return Optional.ofNullable(sas.get(sa));
    }

    @Override
    public synchronized void flushSa() {
        record(KernelOperation.FLUSH);
        sas.clear();
    }

    @Override
    public synchronized void flushSa(IpsecProtocol protocol) {
        record(KernelOperation.FLUSH, protocol);
        sas.keySet().removeIf(id -> id.protocol() == protocol);
    }

    @Override
    public synchronized List<KernelSa> dumpSa() {
        record(KernelOperation.DUMP);
        return List.copyOf(sas.values());
    }

    @Override
    public synchronized KernelPolicy addPolicy(PolicySpec policy) throws KernelException {
        record(KernelOperation.SPDADD, policy);
        PolicyKey key = new PolicyKey(policy.selector(), policy.direction());
        if (policies.containsKey(key)) {
            throw refused(KernelOperation.SPDADD, policy.selector() + " " + policy.direction(), Errno.EEXIST);
        }
        return install(key, policy, newPolicyId(policy.direction()));
    }

    @Override
    public synchronized KernelPolicy updatePolicy(PolicySpec policy) {
        record(KernelOperation.SPDUPDATE, policy);
        PolicyKey key = new PolicyKey(policy.selector(), policy.direction());
        KernelPolicy old = policies.get(key);
        return install(key, policy, old != null ? old.id() : newPolicyId(policy.direction()));
    }

    /** Linux numbers policies so that the low three bits give the direction (XFRM_POLICY_IN 0, OUT 1, FWD 2). */
    private int newPolicyId(PolicyDirection direction) {
        int dir = switch (direction) {
            case IN -> 0;
            case OUT -> 1;
            case FWD -> 2;
        };
        return (nextPolicyIndex++ << 3) | dir;
    }

    private KernelPolicy install(PolicyKey key, PolicySpec policy, int id) {
        KernelPolicy installed = new KernelPolicy(id, policy);
        policies.put(key, installed);
        return installed;
    }

    @Override
    public synchronized void deletePolicy(TrafficSelector selector, PolicyDirection direction) throws KernelException {
        record(KernelOperation.SPDDELETE, selector, direction);
        if (policies.remove(new PolicyKey(selector, direction)) == null) {
            throw refused(KernelOperation.SPDDELETE, selector + " " + direction, Errno.ENOENT);
        }
    }

    @Override
    public synchronized void deletePolicy(int policyId) throws KernelException {
        record(KernelOperation.SPDDELETE2, policyId);
        if (!policies.values().removeIf(p -> p.id() == policyId)) {
            throw refused(KernelOperation.SPDDELETE2, "policy id " + policyId, Errno.ENOENT);
        }
    }

    @Override
    public synchronized Optional<KernelPolicy> getPolicy(int policyId) {
        record(KernelOperation.SPDGET, policyId);
        return policies.values().stream().filter(p -> p.id() == policyId).findFirst();
    }

    @Override
    public synchronized Optional<KernelPolicy> getPolicy(TrafficSelector selector, PolicyDirection direction) {
        record(KernelOperation.SPDGET, selector, direction);
        return Optional.ofNullable(policies.get(new PolicyKey(selector, direction)));
    }

    @Override
    public synchronized void flushPolicy() {
        record(KernelOperation.SPDFLUSH);
        policies.clear();
    }

    @Override
    public synchronized List<KernelPolicy> dumpPolicy() {
        record(KernelOperation.SPDDUMP);
        return List.copyOf(policies.values());
    }

    @Override
    public synchronized void register(IpsecProtocol protocol) {
        record(KernelOperation.REGISTER, protocol);
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
        listeners.clear();
    }
}
