package org.jracoon.daemon.runtime;

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
 * The kernel as the engine gets it: a GETSPI with the range 0..0, which the engine asks for when
 * it has no range of its own (racoon's libipsec then sends no SPIRANGE at all), gets Linux's own
 * default range instead. Linux's xfrm_alloc_spi takes 0..0 literally and fails with ENOENT, as
 * the interop test against strongSwan showed. Everything else passes through.
 */
final class DefaultSpiRange implements KernelIpsec {

    /** af_key.c pfkey_getspi's range when no SPIRANGE extension is sent. */
    static final int MIN_SPI = 0x100;
    static final int MAX_SPI = 0x0fffffff;

    private final KernelIpsec kernel;

    DefaultSpiRange(KernelIpsec kernel) {
        this.kernel = kernel;
    }

    @Override
    public int getSpi(IpsecProtocol protocol, InetAddress source, InetAddress destination, IpsecMode mode, int reqid,
            int minSpi, int maxSpi, int sequence) throws KernelException {
        boolean none = minSpi == 0 && maxSpi == 0;
        return kernel.getSpi(protocol, source, destination, mode, reqid, none ? MIN_SPI : minSpi,
                none ? MAX_SPI : maxSpi, sequence);
    }

    @Override
    public void updateSa(SaSpec sa) throws KernelException {
        kernel.updateSa(sa);
    }

    @Override
    public void addSa(SaSpec sa) throws KernelException {
        kernel.addSa(sa);
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

    @Override
    public void close() {
        kernel.close();
    }
}
