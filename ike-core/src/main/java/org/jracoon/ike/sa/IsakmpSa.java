package org.jracoon.ike.sa;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.jracoon.ike.keymat.IsakmpKeys;
import org.jracoon.ike.keymat.MessageProtection;
import org.jracoon.ike.payload.NatTraversalVersion;
import org.jracoon.ike.policy.Phase1Proposal;
import org.jracoon.ike.policy.RemotePolicy;

/**
 * One ISAKMP SA ("phase 1"): its cookies, endpoints, the remote policy it was negotiated under,
 * the state named after the message expected next, and once keyed the negotiated proposal, the
 * keys and the message protection. Mutable; owned by the one exchange manager of the SA.
 */
public final class IsakmpSa {

    /** States as racoon's admin output names them: the message awaited next. */
    public enum State {
        /** Waiting for the SA payload exchange (MM1 or MM2). */
        MM_SA,
        /** Waiting for the KE/NONCE exchange (MM3 or MM4). */
        MM_KE,
        /** Waiting for the ID/HASH exchange (MM5 or MM6). */
        MM_AUTH,
        ESTABLISHED,
        /** Failed, expired or deleted; kept only until the manager lets go of it. */
        DEAD
    }

    private final long serial;
    private final Role role;
    private InetSocketAddress local;
    private InetSocketAddress remote;
    private final RemotePolicy policy;
    private final Instant created;
    private Cookies cookies;
    private State state = State.MM_SA;
    private Phase1Proposal proposal;
    private IsakmpKeys keys;
    private MessageProtection protection;
    private Instant established;
    private String peerId = "";
    private boolean peerDpd;
    private NatTraversalVersion natTraversal;
    private boolean natHere;
    private boolean natThere;

    public IsakmpSa(long serial, Role role, Cookies cookies, InetSocketAddress local, InetSocketAddress remote,
            RemotePolicy policy, Instant created) {
        this.serial = serial;
        this.created = Objects.requireNonNull(created);
        this.role = Objects.requireNonNull(role);
        this.cookies = Objects.requireNonNull(cookies);
        this.local = Objects.requireNonNull(local);
        this.remote = Objects.requireNonNull(remote);
        this.policy = Objects.requireNonNull(policy);
    }

    /** A number unique within the engine, stable while the responder cookie is still unknown. */
    public long serial() {
        return serial;
    }

    public Role role() {
        return role;
    }

    public Cookies cookies() {
        return cookies;
    }

    /** The initiator learns the responder cookie from MM2. */
    public void responderCookie(long cookie) {
        cookies = cookies.withResponder(cookie);
    }

    public InetSocketAddress local() {
        return local;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    /**
     * New endpoints for this SA: our own after the float to the NAT-T port, the peer's when its
     * authentic messages come from elsewhere (RFC 3947 section 4).
     */
    public void moved(InetSocketAddress newLocal, InetSocketAddress newRemote) {
        local = Objects.requireNonNull(newLocal);
        remote = Objects.requireNonNull(newRemote);
    }

    /** The NAT-T version both sides announced, empty when NAT traversal is not in use. */
    public Optional<NatTraversalVersion> natTraversal() {
        return Optional.ofNullable(natTraversal);
    }

    public void natTraversal(NatTraversalVersion version) {
        natTraversal = version;
    }

    /** Where NAT-D found a NAT: in front of us, in front of the peer. */
    public void natDetected(boolean here, boolean there) {
        natHere = here;
        natThere = there;
    }

    /** Whether a NAT is in front of us, so we keep its mapping alive (RFC 3948 section 2.3). */
    public boolean behindNat() {
        return natHere;
    }

    /** Whether NAT-D found a NAT on the path, so IPsec SAs are UDP-encapsulated. */
    public boolean natDetected() {
        return natTraversal != null && (natHere || natThere);
    }

    public RemotePolicy policy() {
        return policy;
    }

    public State state() {
        return state;
    }

    public void state(State next) {
        state = Objects.requireNonNull(next);
    }

    public boolean established() {
        return state == State.ESTABLISHED;
    }

    public Optional<Phase1Proposal> proposal() {
        return Optional.ofNullable(proposal);
    }

    public void proposal(Phase1Proposal chosen) {
        proposal = chosen;
    }

    /** Keys and protection, set together once both DH halves and nonces are known. */
    public void keyed(IsakmpKeys derived, MessageProtection messageProtection) {
        keys = derived;
        protection = messageProtection;
    }

    public Optional<IsakmpKeys> keys() {
        return Optional.ofNullable(keys);
    }

    public Optional<MessageProtection> protection() {
        return Optional.ofNullable(protection);
    }

    public void established(Instant when) {
        established = when;
        state = State.ESTABLISHED;
    }

    /** When the first message of the negotiation was sent or received (racoon's "Created" column). */
    public Instant created() {
        return created;
    }

    public Optional<Instant> establishedAt() {
        return Optional.ofNullable(established);
    }

    /** The identity the peer proved in MM5/MM6, as logged; empty before. */
    public String peerId() {
        return peerId;
    }

    public void peerId(String described) {
        peerId = Objects.requireNonNull(described);
    }

    /** Whether the peer announced dead peer detection with its vendor ID (RFC 3706 section 5.1). */
    public boolean peerDpd() {
        return peerDpd;
    }

    public void peerDpd(boolean announced) {
        peerDpd = announced;
    }

    @Override
    public String toString() {
        return cookies + " " + state;
    }
}
