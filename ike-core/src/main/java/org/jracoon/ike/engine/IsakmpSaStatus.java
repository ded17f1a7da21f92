package org.jracoon.ike.engine;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;

import org.jracoon.ike.sa.Cookies;
import org.jracoon.ike.sa.IsakmpSa;
import org.jracoon.ike.sa.Role;

/**
 * What an operator may see of one ISAKMP SA (racoonctl show-sa isakmp): a copy taken on the
 * engine's thread, free of keys and of anything that changes later.
 *
 * @param ipsecPairs the IPsec SA pairs negotiated under it and still installed (racoon's "Phase2")
 */
public record IsakmpSaStatus(Cookies cookies, Role role, InetSocketAddress local, InetSocketAddress remote,
        IsakmpSa.State state, Instant created, Optional<Instant> established, int ipsecPairs) {
}
