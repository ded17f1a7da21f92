package org.jracoon.daemon.keylog;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.jracoon.ike.kernel.IpsecMode;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.KernelException;
import org.jracoon.ike.kernel.KernelIpsec;
import org.jracoon.ike.kernel.KernelListener;
import org.jracoon.ike.kernel.KernelPolicy;
import org.jracoon.ike.kernel.KernelSa;
import org.jracoon.ike.kernel.PolicyDirection;
import org.jracoon.ike.kernel.PolicySpec;
import org.jracoon.ike.kernel.SaId;
import org.jracoon.ike.kernel.SaSpec;
import org.jracoon.ike.kernel.TrafficSelector;

/**
 * A kernel that exports the keys of every SA the daemon installs (UPDATE, ADD), once the real
 * kernel took it; everything else passes straight through.
 */
public final class ExportingKernel implements KernelIpsec {

    private final KernelIpsec kernel;
    private final KeyExport export;

    public ExportingKernel(KernelIpsec kernel, KeyExport export) {
        this.kernel = kernel;
        this.export = export;
    }

    @Override
    public void updateSa(SaSpec sa) throws KernelException {
        kernel.updateSa(sa);
        export.sa(sa);
    }

    @Override
    public void addSa(SaSpec sa) throws KernelException {
        kernel.addSa(sa);
        export.sa(sa);
    }

    @Override
    public int getSpi(IpsecProtocol protocol, InetAddress source, InetAddress destination, IpsecMode mode, int reqid,
            int minSpi, int maxSpi, int sequence) throws KernelException {
        return kernel.getSpi(protocol, source, destination, mode, reqid, minSpi, maxSpi, sequence);
    }

    @Override
    public void deleteSa(SaId sa) throws KernelException {
        kernel.deleteSa(sa);
    }

    @Override
    public Optional<KernelSa> getSa(SaId sa) throws KernelException {
        return kernel.getSa(sa);
    }

    @Override
    public void flushSa() throws KernelException {
        kernel.flushSa();
    }

    @Override
    public void flushSa(IpsecProtocol protocol) throws KernelException {
        kernel.flushSa(protocol);
    }

    @Override
    public List<KernelSa> dumpSa() throws KernelException {
        return kernel.dumpSa();
    }

    @Override
    public KernelPolicy addPolicy(PolicySpec policy) throws KernelException {
        return kernel.addPolicy(policy);
    }

    @Override
    public KernelPolicy updatePolicy(PolicySpec policy) throws KernelException {
        return kernel.updatePolicy(policy);
    }

    @Override
    public void deletePolicy(TrafficSelector selector, PolicyDirection direction) throws KernelException {
        kernel.deletePolicy(selector, direction);
    }

    @Override
    public void deletePolicy(int policyId) throws KernelException {
        kernel.deletePolicy(policyId);
    }

    @Override
    public Optional<KernelPolicy> getPolicy(int policyId) throws KernelException {
        return kernel.getPolicy(policyId);
    }

    @Override
    public Optional<KernelPolicy> getPolicy(TrafficSelector selector, PolicyDirection direction)
            throws KernelException {
        return kernel.getPolicy(selector, direction);
    }

    @Override
    public void flushPolicy() throws KernelException {
        kernel.flushPolicy();
    }

    @Override
    public List<KernelPolicy> dumpPolicy() throws KernelException {
        return kernel.dumpPolicy();
    }

    @Override
    public void register(IpsecProtocol protocol) throws KernelException {
        kernel.register(protocol);
    }

    @Override
    public void addListener(KernelListener listener) {
        kernel.addListener(listener);
    }

    @Override
    public void removeListener(KernelListener listener) {
        kernel.removeListener(listener);
    }

    /** Closes the kernel channel and the key file. */
    @Override
    public void close() {
        kernel.close();
        export.close();
    }
}
