package org.jracoon.ike.kernel;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The IPsec kernel as the engine uses it: the SA database (SAD) and the policy database (SPD),
 * and the events the kernel raises. Every failure is a {@link KernelException} naming the
 * operation. Implementations are safe for use from several threads.
 */
public interface KernelIpsec extends AutoCloseable {

    /** The SPI range Linux uses when a GETSPI names none (RFC 4303 section 2.1 reserves 1..255). */
    int DEFAULT_MIN_SPI = 0x100;
    int DEFAULT_MAX_SPI = 0x0fffffff;

    /**
     * Reserves an SPI for an inbound SA to be negotiated (GETSPI); the kernel holds a LARVAL SA
     * until {@link #updateSa} completes it.
     *
     * @param minSpi lowest acceptable SPI (unsigned; at least 256, RFC 4303 section 2.1)
     * @param maxSpi highest acceptable SPI (unsigned)
     * @param sequence the ACQUIRE's sequence when answering one, else 0
     * @return the SPI chosen
     */
    int getSpi(IpsecProtocol protocol, InetAddress source, InetAddress destination, IpsecMode mode, int reqid,
               int minSpi, int maxSpi, int sequence) throws KernelException;

    /** Completes the LARVAL SA that {@link #getSpi} reserved (UPDATE). */
    void updateSa(SaSpec sa) throws KernelException;

    /** Installs a new SA (ADD); fails with EEXIST when one with the same id exists. */
    void addSa(SaSpec sa) throws KernelException;

    void deleteSa(SaId sa) throws KernelException;

    /** The SA with this id, or empty when the kernel has none (GET). */
    Optional<KernelSa> getSa(SaId sa) throws KernelException;

    /** Removes every SA (FLUSH). */
    void flushSa() throws KernelException;

    /** Removes every SA of one protocol. */
    void flushSa(IpsecProtocol protocol) throws KernelException;

    /** Every SA (DUMP). */
    List<KernelSa> dumpSa() throws KernelException;

    /** Installs a policy (X_SPDADD); fails with EEXIST when one with its selector and direction exists. */
    KernelPolicy addPolicy(PolicySpec policy) throws KernelException;

    /** Installs or replaces the policy with this selector and direction (X_SPDUPDATE). */
    KernelPolicy updatePolicy(PolicySpec policy) throws KernelException;

    /** Removes the policy with this selector and direction (X_SPDDELETE). */
    void deletePolicy(TrafficSelector selector, PolicyDirection direction) throws KernelException;

    /** Removes the policy with this kernel id (X_SPDDELETE2). */
    void deletePolicy(int policyId) throws KernelException;

    /** The policy with this kernel id, or empty (X_SPDGET). */
    Optional<KernelPolicy> getPolicy(int policyId) throws KernelException;

    /**
     * The policy with exactly this selector and direction, or empty: where a negotiated pair
     * takes its reqid from. XFRM looks it up by selector; PF_KEY, which finds a policy by id
     * alone, searches its SPD dump (as racoon searches its copy of the SPD, getsp_r).
     */
    Optional<KernelPolicy> getPolicy(TrafficSelector selector, PolicyDirection direction) throws KernelException;

    /** Removes every policy (X_SPDFLUSH). */
    void flushPolicy() throws KernelException;

    /** Every policy (X_SPDDUMP). */
    List<KernelPolicy> dumpPolicy() throws KernelException;

    /** Asks for ACQUIREs of this protocol to be delivered to the listeners (REGISTER). */
    void register(IpsecProtocol protocol) throws KernelException;

    void addListener(KernelListener listener);

    void removeListener(KernelListener listener);

    /** Releases the channel to the kernel; what was installed stays installed. */
    @Override
    void close();
}
