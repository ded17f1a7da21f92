package org.jracoon.ike.exchange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jracoon.ike.message.IsakmpMessage;
import org.jracoon.ike.payload.NatTraversalVersion;
import org.jracoon.ike.payload.Payload;
import org.jracoon.ike.payload.VendorIdPayload;
import org.jracoon.ike.policy.NatTraversal;
import org.jracoon.ike.sa.IsakmpSa;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vendor IDs of MM1 and MM2 (RFC 2408 section 3.16) as racoon sends them: the initiator
 * announces the NAT-T versions it speaks, RFC 3947 first and the older drafts after it
 * (nattraversal.c isakmp_plist_append_natt_vids), then DPD (RFC 3706) unless {@code dpd off};
 * the responder answers with the one NAT-T version it chose and DPD if the peer announced it
 * (isakmp_ident.c ident_r1send). The chosen version, and whether the peer announced DPD, go on
 * the ISAKMP SA, where dead peer detection looks for the latter.
 */
final class VendorIds implements MainModeTask {

    private static final Logger LOG = LoggerFactory.getLogger("ike.ike");

    /** racoon's order: the newest first, as some peers take the first NAT-T vendor ID they know. */
    static final List<NatTraversalVersion> ANNOUNCED = List.of(NatTraversalVersion.RFC_3947,
            NatTraversalVersion.DRAFT_02, NatTraversalVersion.DRAFT_02_N, NatTraversalVersion.DRAFT_00);

    private final IsakmpSa sa;

    VendorIds(IsakmpSa sa) {
        this.sa = sa;
    }

    @Override
    public List<Payload> build(int number) {
        List<Payload> out = new ArrayList<>();
        if (number == 1) {
            if (sa.policy().natTraversal() != NatTraversal.OFF) {
                ANNOUNCED.forEach(v -> out.add(v.vendorId()));
            }
            if (sa.policy().liveness().dpd()) {
                out.add(VendorIdPayload.DPD);
            }
        } else if (number == 2) {
            sa.natTraversal().ifPresent(v -> out.add(v.vendorId()));
            if (sa.peerDpd() && sa.policy().liveness().dpd()) {
                out.add(VendorIdPayload.DPD);
            }
        }
        return out;
    }

    @Override
    public void process(int number, IsakmpMessage message) {
        if (number != 1 && number != 2) {
            return;
        }
        List<VendorIdPayload> vids = message.payloads(VendorIdPayload.class);
        sa.peerDpd(vids.contains(VendorIdPayload.DPD));
        List<NatTraversalVersion> offered = vids.stream().map(NatTraversalVersion::of).flatMap(Optional::stream)
                .toList();
        if (offered.isEmpty()) {
            return;
        }
        if (sa.policy().natTraversal() == NatTraversal.OFF) {
            LOG.info("{} peer speaks NAT-T ({}), nat_traversal is off", sa.cookies(), offered);
            return;
        }
        // draft 00 has IKE and ESP share port 500 with a non-IKE marker, which is not done here
        Optional<NatTraversalVersion> best = offered.stream().filter(NatTraversalVersion::floats)
                .max(Comparator.naturalOrder());
        if (best.isEmpty()) {
            LOG.info("{} peer speaks only NAT-T {}, which is not supported; no NAT traversal", sa.cookies(),
                    offered);
            return;
        }
        sa.natTraversal(best.get());
        LOG.info("{} NAT-T {} agreed", sa.cookies(), best.get());
    }
}
