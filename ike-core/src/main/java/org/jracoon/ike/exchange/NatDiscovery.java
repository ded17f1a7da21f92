package org.jracoon.ike.exchange;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.jracoon.ike.engine.IkeEngine;
import org.jracoon.ike.message.IsakmpMessage;
import org.jracoon.ike.payload.NatDPayload;
import org.jracoon.ike.payload.NatTraversalVersion;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.payload.Payload;
import org.jracoon.ike.policy.NatTraversal;
import org.jracoon.ike.sa.IsakmpSa;
import org.jracoon.ike.sa.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NAT discovery in MM3 and MM4 (RFC 3947 section 3.2), once both sides announced NAT-T: each
 * side sends HASH(CKY-I | CKY-R | IP | port) of the peer's address as it sends to it, then of
 * its own; a received first hash that is not of our address means a NAT in front of us, other
 * hashes none of which is the peer's address a NAT in front of the peer. With {@code
 * nat_traversal force} our hashes cover a zero address and a NAT is assumed (racoon
 * nattraversal.c natt_hash_addr). An initiator that found a NAT floats to the NAT-T port before
 * MM5 (section 4); the responder follows when MM5 arrives there.
 */
final class NatDiscovery implements MainModeTask {

    private static final Logger LOG = LoggerFactory.getLogger("ike.ike");

    private final IsakmpSa sa;

    NatDiscovery(IsakmpSa sa) {
        this.sa = sa;
    }

    @Override
    public List<Payload> build(int number) {
        if (number != 3 && number != 4 || sa.natTraversal().isEmpty()) {
            return List.of();
        }
        boolean draft = sa.natTraversal().get().draftPayloads();
        return List.of(new NatDPayload(draft, hash(sa.remote())), new NatDPayload(draft, hash(sa.local())));
    }

    @Override
    public void process(int number, IsakmpMessage message) {
        if (number != 3 && number != 4 || sa.natTraversal().isEmpty()) {
            return;
        }
        NatTraversalVersion version = sa.natTraversal().get();
        List<Octets> hashes = new ArrayList<>();
        for (NatDPayload natd : message.payloads(NatDPayload.class)) {
            if (natd.draft() == version.draftPayloads()) {
                hashes.add(natd.data());
            }
        }
        if (hashes.size() < 2) {
            LOG.info("{} peer announced NAT-T {} but sent {} NAT-D payloads; no NAT traversal", sa.cookies(),
                    version, hashes.size());
            sa.natTraversal(null);
            return;
        }
        boolean here;
        boolean there;
        if (sa.policy().natTraversal() == NatTraversal.FORCE) {
            here = true;
            there = true;
        } else {
            here = !hashes.get(0).equals(hash(sa.local()));
            Octets peer = hash(sa.remote());
            there = hashes.subList(1, hashes.size()).stream().noneMatch(peer::equals);
        }
        sa.natDetected(here, there);
        LOG.info("{} NAT-D: {}", sa.cookies(), !here && !there ? "no NAT"
                : (here ? "NAT in front of us" : "") + (here && there ? ", " : "")
                        + (there ? "NAT in front of the peer" : "")
                        + (sa.policy().natTraversal() == NatTraversal.FORCE ? " (forced)" : ""));
        if (sa.role() == Role.INITIATOR && sa.natDetected()) {
            sa.moved(floated(sa.local()), floated(sa.remote()));
            LOG.info("{} IKE floats to {} -> {}", sa.cookies(), sa.local(), sa.remote());
        }
    }

    /** racoon moves only the ports that are the IKE port (nattraversal.c natt_float_ports). */
    private static InetSocketAddress floated(InetSocketAddress endpoint) {
        return endpoint.getPort() == IkeEngine.IKE_PORT
                ? new InetSocketAddress(endpoint.getAddress(), IkeEngine.NATT_PORT) : endpoint;
    }

    private Octets hash(InetSocketAddress endpoint) {
        byte[] address = sa.policy().natTraversal() == NatTraversal.FORCE
                ? new byte[endpoint.getAddress().getAddress().length] : endpoint.getAddress().getAddress();
        ByteBuffer input = ByteBuffer.allocate(16 + address.length + 2);
        input.putLong(sa.cookies().initiator()).putLong(sa.cookies().responder()).put(address)
                .putShort((short) endpoint.getPort());
        return Octets.of(sa.proposal().orElseThrow().hash().digest(input.array()));
    }
}
